using System.Globalization;

namespace Watchpost.Cli.Service;

/// <summary>
/// The users and groups of <c>&lt;root&gt;/etc/passwd</c> and <c>/etc/group</c>, read again at each look-up (the
/// plan creates the account it later gives files to). Read directly rather than through NSS, so that a temporary
/// root is seen as useradd --prefix wrote it.
/// </summary>
internal sealed class AccountDatabase(string root)
{
    public uint? UserId(string name) => Find("passwd", name) is { } fields && fields.Length > 2 ? Id(fields[2]) : null;

    public uint? GroupId(string name) => Find("group", name) is { } fields && fields.Length > 2 ? Id(fields[2]) : null;

    public bool UserExists(string name) => Find("passwd", name) is not null;

    public bool GroupExists(string name) => Find("group", name) is not null;

    /// <summary>The groups <paramref name="user"/> is a listed member of (not its primary group).</summary>
    public IReadOnlyList<string> GroupsOf(string user) =>
        [.. Lines("group").Where(f => f.Length > 3 && f[3].Split(',').Contains(user, StringComparer.Ordinal)).Select(f => f[0])];

    private string[]? Find(string file, string name) => Lines(file).FirstOrDefault(f => f[0] == name);

    private IEnumerable<string[]> Lines(string file)
    {
        var path = Path.Join(root, "etc", file);
        return File.Exists(path)
            ? File.ReadLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split(':'))
            : [];
    }

    private static uint? Id(string text) => uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}
