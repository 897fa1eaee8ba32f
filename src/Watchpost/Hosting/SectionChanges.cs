namespace Watchpost.Hosting;

/// <summary>The ids added, removed and changed in one list of the site file (cameras, zones, lines, rules).</summary>
public sealed record SectionChanges(IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<string> Changed)
{
    public bool Any => Added.Count + Removed.Count + Changed.Count > 0;
}
