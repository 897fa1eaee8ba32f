using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Watchpost.Configuration;
using Watchpost.Ingest;

namespace Watchpost.Cli;

/// <summary>
/// <c>watchpost camera probe URL</c> and <c>watchpost camera snapshot ID</c>: open a stream through the service's own
/// frame source (<see cref="CameraProbe"/>), report codec, resolution, frame rate, transport and time to the first
/// frame, save that frame as JPEG, and explain a failure in installer terms (<see cref="ProbeFailure"/>).
/// Exit 0 when a frame came, 1 when the probe failed, 2 for a bad URL or option. The password is never printed.
/// </summary>
public static partial class CameraProbeCommand
{
    private const double DefaultTimeoutSeconds = 10;
    private const double MaxTimeoutSeconds = 300;

    public static Command Probe()
    {
        var url = new Argument<string>("url") { Description = "The camera's stream: rtsp://USER:PASSWORD@HOST[:PORT]/PATH (also http(s)://, a file, /dev/videoN)" };
        var transport = new Option<string?>("--transport") { Description = "RTSP transport: tcp or udp (default: tcp, then udp if TCP gives nothing)" };
        var snapshot = new Option<string?>("--snapshot") { Description = "Where to save the first frame as JPEG (default ./probe-HOST.jpg)" };
        var noSnapshot = new Option<bool>("--no-snapshot") { Description = "Do not save the first frame" };
        var timeout = TimeoutOption(", per transport tried when --transport is not given");
        // No --config: probing a URL needs no site file (a configured camera is probed with `camera snapshot ID`).
        var json = CommonOptions.Json();
        var command = new Command("probe", "Connect to a camera the way the service does and report codec, resolution, fps, transport and time to first frame; save a snapshot; explain a failure")
        {
            url, transport, snapshot, noSnapshot, timeout, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var text = parse.GetRequiredValue(url).Trim();
            var chosen = Transport(parse.GetValue(transport));
            var wait = Timeout(parse.GetValue(timeout));
            _ = CameraUrl.Parse("probe", text); // an unusable URL is exit 2 before anything is tried
            var host = NetworkHost(text);
            var target = parse.GetValue(noSnapshot) ? null : JpegPath("--snapshot", parse.GetValue(snapshot) ?? $"probe-{SafeName(host ?? "camera")}.jpg");
            var camera = new CameraOptions { Id = "probe", Url = text, Transport = chosen ?? "tcp" };
            var error = parse.InvocationConfiguration.Error;
            CameraProbeResult result;
            var over = chosen is not null ? $" over {chosen.ToUpperInvariant()}" : IsRtsp(text) ? " over TCP" : "";
            await using (var progress = CliProgress.Start(error, $"Probing {UrlRedaction.Redact(text)}{over}"))
            {
                result = await new CameraProbe(NullLoggerFactory.Instance) { Progress = progress.Step }
                    .ProbeAsync(camera, fallBackToUdp: chosen is null && IsRtsp(text), wait, target, cancellationToken);
            }

            return Report(parse, json, result, cameraId: null);
        });
        return command;
    }

    public static Command Snapshot()
    {
        var id = new Argument<string>("id") { Description = "The camera's id in the site file" };
        var output = new Option<string?>("--out", "-o") { Description = "Where to save the JPEG (default ./ID.jpg)" };
        var timeout = TimeoutOption("");
        var config = CommonOptions.Config();
        var json = CommonOptions.Json();
        var command = new Command("snapshot", "Save one frame of a configured camera as JPEG, read the way the service reads it (its URL and transport)")
        {
            id, output, timeout, config, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var wait = Timeout(parse.GetValue(timeout));
            await using var services = CliServices.Load(parse.GetRequiredValue(config));
            var name = parse.GetRequiredValue(id);
            var camera = services.Options.Cameras.FirstOrDefault(c => string.Equals(c.Id, name, StringComparison.Ordinal))
                ?? throw new CliInputException($"camera '{name}' is not in {services.SiteFile}; its cameras: "
                    + (services.Options.Cameras.Count == 0 ? "none" : string.Join(", ", services.Options.Cameras.Select(c => c.Id))));
            var target = JpegPath("--out", parse.GetValue(output) ?? $"{camera.Id}.jpg");
            CameraProbeResult result;
            await using (var progress = CliProgress.Start(parse.InvocationConfiguration.Error, $"Reading a frame from camera '{camera.Id}' ({UrlRedaction.Redact(camera.Url)})"))
            {
                result = await new CameraProbe(NullLoggerFactory.Instance).ProbeAsync(camera, wait, target, cancellationToken);
            }

            return Report(parse, json, result, camera.Id);
        });
        return command;
    }

    private static Option<double?> TimeoutOption(string more) => new("--timeout")
    {
        Description = $"Seconds to wait for the first frame (default {DefaultTimeoutSeconds.ToString(CultureInfo.InvariantCulture)}{more})",
    };

    private static int Report(ParseResult parse, Option<bool> json, CameraProbeResult result, string? cameraId)
    {
        var output = parse.InvocationConfiguration.Output;
        if (parse.GetValue(json))
        {
            CliJson.Write(output, ProbeReport.From(result, cameraId));
        }
        else
        {
            WriteText(output, result, cameraId);
        }

        return result.Ok ? ExitCodes.Ok : ExitCodes.CheckFailed;
    }

    private static void WriteText(TextWriter output, CameraProbeResult result, string? cameraId)
    {
        var rows = new List<(string Name, string? Value)>();
        if (cameraId is not null)
        {
            rows.Add(("Camera", cameraId));
        }

        rows.Add(("URL", result.Url));
        rows.Add(("Result", result.Ok ? "ok" : $"FAILED: {result.Failure?.Title ?? "no frame"}"));
        rows.Add(("Transport", IsRtsp(result.Url) ? result.Transport : null));
        if (result.Ok)
        {
            rows.Add(("Codec", result.Codec is null ? null : result.Profile is null ? result.Codec : $"{result.Codec} ({result.Profile})"));
            rows.Add(("Resolution", $"{result.Width}x{result.Height}"));
            rows.Add(("Frame rate", result.Fps is { } fps ? string.Create(CultureInfo.InvariantCulture, $"{fps:0.##} fps") : null));
            rows.Add(("First frame", result.TimeToFirstFrame is { } first ? string.Create(CultureInfo.InvariantCulture, $"{first.TotalSeconds:0.00} s") : null));
            rows.Add(("Snapshot", result.SnapshotPath is null ? null : $"saved to {result.SnapshotPath}"));
        }
        else if (result.Failure is { } failure)
        {
            rows.Add(("Problem", failure.Message));
            rows.Add(("Hint", failure.Hint));
            rows.Add(("ffmpeg said", failure.Detail));
        }

        rows.Add(("Note", result.Note));
        var width = rows.Max(r => r.Name.Length) + 2;
        foreach (var (name, value) in rows.Where(r => r.Value is not null))
        {
            output.WriteLine($"{name.PadRight(width)}{value}");
        }
    }

    private static string? Transport(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null => null,
        "tcp" or "udp" => value.Trim().ToLowerInvariant(),
        _ => throw new CliInputException($"--transport '{value}': expected tcp or udp (or leave it out: tcp, then udp)"),
    };

    private static TimeSpan Timeout(double? seconds) => seconds switch
    {
        null => TimeSpan.FromSeconds(DefaultTimeoutSeconds),
        > 0 and <= MaxTimeoutSeconds => TimeSpan.FromSeconds(seconds.Value),
        _ => throw new CliInputException(string.Create(CultureInfo.InvariantCulture,
            $"--timeout {seconds}: expected a number of seconds above 0 and at most {MaxTimeoutSeconds}")),
    };

    private static bool IsRtsp(string url) => url.StartsWith("rtsp://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("rtsps://", StringComparison.OrdinalIgnoreCase);

    /// <summary>The host of a network URL; a network URL without one is bad input (exit 2).</summary>
    private static string? NetworkHost(string url)
    {
        if (!SchemePattern().IsMatch(url) || url.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host.Length > 0
            ? uri.Host.Trim('[', ']')
            : throw new CliInputException($"camera URL '{UrlRedaction.Redact(url)}' is not a valid URL: expected rtsp://[USER:PASSWORD@]HOST[:PORT]/PATH "
                + "(percent-encode @ : / in the password)");
    }

    /// <summary>Where a snapshot goes: a .jpg in a folder that exists or can be made, checked before the camera is contacted.</summary>
    private static string JpegPath(string option, string path)
    {
        var full = Path.GetFullPath(path);
        var extension = Path.GetExtension(full).ToLowerInvariant();
        if (extension is not (".jpg" or ".jpeg"))
        {
            throw new CliInputException($"{option} {path}: expected a file name ending in .jpg or .jpeg");
        }

        var folder = Path.GetDirectoryName(full)!;
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"{option} {path}: cannot create the folder {folder} ({e.Message})");
        }

        if (Directory.Exists(full))
        {
            throw new CliInputException($"{option} {path}: is a folder; expected a .jpg file name");
        }

        return full;
    }

    private static string SafeName(string text) => UnsafeCharacters().Replace(text, "_");

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.-]*://")]
    private static partial Regex SchemePattern();

    [GeneratedRegex(@"[^A-Za-z0-9._-]")]
    private static partial Regex UnsafeCharacters();
}
