using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Watchpost.Cli.Site;
using Watchpost.Configuration;
using Watchpost.Ingest;

namespace Watchpost.Cli;

/// <summary>
/// <c>watchpost camera add ID --url URL</c>: probes the stream through the service's own frame sources
/// (<see cref="CameraProbe"/>) and, once a frame came, adds the camera to the site file. A failed probe saves
/// nothing (exit code 1) unless <c>--no-probe</c>.
/// </summary>
internal static class CameraAddCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "The camera's id (letters, digits, '-', '_'): zones, lines and rules name it" };
        var url = new Option<string>("--url") { Description = "rtsp://user:password@host:554/path, a video file, or /dev/video0", Required = true };
        var name = new Option<string?>("--name") { Description = "A name for people (the console shows it)" };
        var transport = new Option<string?>("--transport") { Description = "RTSP transport: tcp or udp (default: tcp, or udp when only that gives a picture)" };
        var detectFps = new Option<double?>("--detect-fps") { Description = "Frames per second sent to the detector (default: every frame)" };
        var noProbe = new Option<bool>("--no-probe") { Description = "Save the camera without connecting to it first (a camera not installed yet)" };
        var probeTimeout = new Option<double>("--probe-timeout") { Description = "Seconds to wait for the first frame", DefaultValueFactory = _ => 15 };
        var config = CommonOptions.Config();
        var command = new Command("add", "Add a camera to the site file, after probing its stream (the first frame must arrive)")
        {
            id, url, name, transport, detectFps, noProbe, probeTimeout, config,
        };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var edit = SiteEdit.Open(parse, config);
            var camera = new CameraOptions
            {
                Id = parse.GetRequiredValue(id),
                Name = parse.GetValue(name),
                Url = parse.GetRequiredValue(url),
                Transport = parse.GetValue(transport) ?? "tcp",
                DetectFps = parse.GetValue(detectFps) ?? 0,
            };
            SiteSections.RequireNew("camera", camera.Id, edit.Current.Cameras.Select(c => c.Id), edit.File);

            // The loader's checks before a probe that may take seconds: a bad id or --detect-fps fails at once.
            edit.Current.Cameras.Add(camera);
            WatchpostOptionsLoader.Validate(edit.Current, edit.File);
            var shown = SecretMask.Url(camera.Url);

            if (!parse.GetValue(noProbe))
            {
                var seconds = parse.GetValue(probeTimeout);
                if (!(seconds > 0) || seconds > 600)
                {
                    throw new CliInputException($"--probe-timeout: {seconds.ToString(CultureInfo.InvariantCulture)} is not a number of seconds from more than 0 to 600");
                }

                CameraProbeResult probe;
                using (var loggers = Logging.CreateFactory())
                await using (CliProgress.Start(error, $"Probing {shown} ({parse.GetValue(transport) ?? "tcp, then udp"})"))
                {
                    // Without --transport, as `camera probe`: TCP, then UDP where UDP could help; the one that worked is saved.
                    probe = await new CameraProbe(loggers).ProbeAsync(camera, fallBackToUdp: parse.GetValue(transport) is null, TimeSpan.FromSeconds(seconds), snapshotPath: null, ct);
                }

                if (!probe.Ok)
                {
                    error.WriteLine($"watchpost: camera '{camera.Id}': no picture from {shown} ({probe.Transport}): {Masked(probe.Error ?? "no frame", camera.Url)}");
                    if (probe.Failure?.Hint is { Length: > 0 } hint)
                    {
                        error.WriteLine($"Fix: {Masked(hint, camera.Url)}");
                    }

                    error.WriteLine("Nothing saved. `watchpost camera probe URL` tells more; use --no-probe to save it anyway.");
                    return ExitCodes.CheckFailed;
                }

                camera.Transport = probe.Transport is "tcp" or "udp" ? probe.Transport : camera.Transport;
                var rate = probe.Fps is { } f ? string.Create(CultureInfo.InvariantCulture, $", {f:0.#} fps") : "";
                output.WriteLine($"Probed {shown}: {probe.Codec ?? "video"} {probe.Width}x{probe.Height}{rate} over {camera.Transport}{(probe.Note is { } note ? $" ({Masked(note, camera.Url)})" : "")}");
            }

            var entry = new JsonObject { ["id"] = camera.Id };
            if (camera.Name is not null)
            {
                entry["name"] = camera.Name;
            }

            entry["url"] = camera.Url;
            if (camera.Transport != "tcp")
            {
                entry["transport"] = camera.Transport;
            }

            if (parse.GetValue(detectFps) is { } fps)
            {
                entry["detectFps"] = fps;
            }

            var site = await edit.ApplyAsync(root => SiteSections.Section(root, "cameras").Add(entry), ct);
            output.WriteLine($"Added camera '{camera.Id}' ({shown}{(parse.GetValue(noProbe) ? ", not probed" : "")}) to {edit.File}");
            output.WriteLine($"Next: draw its zones and lines in the console's editor, or `watchpost zone add ID --camera {camera.Id} --points \"x,y x,y x,y\"`.");
            output.WriteLine(SiteEdit.ReloadHint(site));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Masked(string text, string url) => SecretMask.Url(UrlRedaction.Redact(text, url));
}
