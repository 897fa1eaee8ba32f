namespace Watchpost.WebConsole.Auth;

/// <summary>
/// The authorization policies of the console, one per role and each admitting the roles above it
/// (viewer ⊂ operator ⊂ admin). Every console endpoint requires <see cref="RequireViewer"/>; the acknowledging
/// and editing endpoints to come take <see cref="RequireOperator"/> and <see cref="RequireAdmin"/>.
/// </summary>
public static class ConsolePolicies
{
    public const string RequireViewer = nameof(RequireViewer);

    public const string RequireOperator = nameof(RequireOperator);

    public const string RequireAdmin = nameof(RequireAdmin);
}
