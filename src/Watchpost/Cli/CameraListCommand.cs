using System.CommandLine;
using System.Globalization;
using Watchpost.Cli.Site;
using Watchpost.Configuration;

namespace Watchpost.Cli;

/// <summary><c>watchpost camera list</c>: the site file's cameras with what is drawn on each (URL passwords masked).</summary>
internal static class CameraListCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var json = CommonOptions.Json();
        var command = new Command("list", "List the site file's cameras (URL passwords masked), with their zones, lines and rules") { config, json };
        command.SetAction(parse =>
        {
            var site = WatchpostOptionsLoader.Load(parse.GetRequiredValue(config));
            var cameras = site.Cameras.Select(c => SiteViews.Camera(site, c)).ToList();
            return SiteListing.Write(parse, json, cameras, "No cameras yet: add one with `watchpost camera add ID --url rtsp://...`.", list =>
            {
                var table = new TextTable("ID", "NAME", "URL", "TRANSPORT", "DETECT FPS", "ENABLED", "ZONES", "LINES", "RULES");
                foreach (var c in list)
                {
                    table.Add(c.Id, c.Name, c.Url, c.Transport, c.DetectFps == 0 ? "all" : c.DetectFps.ToString(CultureInfo.InvariantCulture), c.Enabled ? "yes" : "no",
                        c.Zones.Count, c.Lines.Count, c.Rules.Count);
                }

                return table;
            });
        });
        return command;
    }
}
