using System.Text.RegularExpressions;
using Watchpost.Behaviours.Intrusion;
using Watchpost.Behaviours.LineCrossing;
using Watchpost.Configuration;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Configuration;

/// <summary>The site file README.md shows is one the service accepts, with the rules it says.</summary>
public partial class ReadmeSiteFileTests
{
    [Fact]
    public void The_readme_site_file_loads_through_the_service_loader()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "README.md"));
        var json = SiteBlock().Match(readme);
        Assert.True(json.Success, "README.md has no ```json block under '## The site file'");
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("watchpost.json"), json.Groups[1].Value);

        var site = WatchpostOptionsLoader.Load(folder.File("watchpost.json"));

        Assert.Equal(["intrusion", "line_crossing", "loitering"], site.Rules.Select(r => r.Type));
        Assert.Equal(2, Assert.IsType<IntrusionRuleOptions>(site.Rules[0]).DurationSeconds);
        Assert.Equal("a_to_b", Assert.IsType<LineCrossingRuleOptions>(site.Rules[1]).Direction);
        Assert.Equal("mon-fri", site.Rules[0].Schedule.Single().Days);
    }

    [GeneratedRegex(@"## The site file.*?```json\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex SiteBlock();
}
