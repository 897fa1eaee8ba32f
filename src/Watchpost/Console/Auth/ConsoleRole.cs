// The namespace is WebConsole, not Console, so that it does not hide System.Console inside Watchpost.
namespace Watchpost.WebConsole.Auth;

/// <summary>What a console user may do; each role includes the ones before it (viewer ⊂ operator ⊂ admin).</summary>
public enum ConsoleRole
{
    /// <summary>Sees events, cameras and snapshots.</summary>
    Viewer,

    /// <summary>Also acknowledges, resolves and arms / disarms.</summary>
    Operator,

    /// <summary>Also edits zones, rules and users.</summary>
    Admin,
}
