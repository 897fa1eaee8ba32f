using System.CommandLine;
using System.Text.Json;
using Watchpost.Assets;
using Watchpost.Bench;

namespace Watchpost.Cli;

/// <summary>
/// `watchpost bench`: the pipeline's throughput, shortfall, latency, decode and inference CPU and memory against the
/// machine's inference ceiling and physical capacity, and optionally the peer designs; one JSON line on stdout, a
/// readable table on stderr (or the peers as markdown with --markdown).
/// </summary>
public static class BenchCommand
{
    private static readonly string[] Scenes = ["footage", "quiet"];
    private static readonly string[] Hwaccels = ["cuda", "vaapi", "qsv"];

    public static Command Create()
    {
        var cameras = new Option<int>("--cameras") { Description = "Number of cameras", DefaultValueFactory = _ => 1 };
        var source = new Option<string?>("--source") { Description = "A video file (default: the sample footage) or an rtsp:// URL every camera reads; with --rtsp the footage its clip is made from" };
        var seconds = new Option<double>("--seconds") { Description = "How long the pipeline runs", DefaultValueFactory = _ => 30 };
        var ceilingSeconds = new Option<double>("--ceiling-seconds") { Description = "How long each ceiling mode is measured", DefaultValueFactory = _ => 5 };
        var workers = new Option<int>("--workers") { Description = "Detector workers (0 = one per core)", DefaultValueFactory = _ => 0 };
        var transport = new Option<string>("--transport") { Description = "RTSP transport for an rtsp:// --source (tcp|udp)", DefaultValueFactory = _ => "tcp" };
        var model = new Option<string>("--model") { Description = "Model name from models/manifest.json", DefaultValueFactory = _ => "yolox-nano" };
        var detectFps = new Option<double>("--detect-fps") { Description = "Each camera's detectFps (0 = every frame); above 0 file cameras play at their own rate", DefaultValueFactory = _ => 0 };
        var rtsp = new Option<bool>("--rtsp") { Description = "Serve each camera its own live H.264 stream of the footage from bench's own RTSP server (rtsp-server-perl, UDP)" };
        var scene = new Option<string>("--scene") { Description = "footage: the footage as it is; quiet: its empty background with real walk-ins (implies --rtsp; reports walk-in detection delays)", DefaultValueFactory = _ => "footage" };
        scene.AcceptOnlyFromAmong(Scenes);
        var peers = new Option<bool>("--peers") { Description = "Also measure the peer designs (bare ONNX Runtime, OpenCV DNN, one thread and session per camera) on the same model and footage" };
        var markdown = new Option<bool>("--markdown") { Description = "Print the peers as a markdown table on stderr (for docs/performance.md) instead of the readable table" };
        var hwaccel = new Option<string?>("--hwaccel") { Description = "ffmpeg hardware decode for every camera, its hwaccel option (cuda|vaapi|qsv), and for the decode measured alone" };
        hwaccel.AcceptOnlyFromAmong(Hwaccels);
        var motion = new Option<bool>("--motion") { Description = "Turn every camera's motion gate on (the detector runs on motion, tracked objects and re-checks only)" };
        var keepIngest = new Option<bool>("--keep-ingest") { Description = "Never lower the cameras' ffmpeg rate under overload (detector.overload.reduceIngest off): the baseline for the governor" };
        var command = new Command("bench", "Run the pipeline on N cameras and print its figures, the inference ceiling and the physical capacity as one JSON line")
        {
            cameras, source, seconds, ceilingSeconds, workers, transport, model, detectFps, rtsp, scene, peers, markdown, hwaccel, motion, keepIngest,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(cameras) is < 1 or > 64)
            {
                result.AddError("--cameras must be between 1 and 64");
            }

            if (result.GetValue(seconds) < 5)
            {
                result.AddError("--seconds must be at least 5");
            }

            if (result.GetValue(detectFps) is < 0 or > 120)
            {
                result.AddError("--detect-fps must be between 0 (every frame) and 120");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new BenchSettings
            {
                Cameras = parse.GetValue(cameras),
                Source = parse.GetValue(source) ?? AssetMirror.Require("media/vtest.avi"),
                Seconds = parse.GetValue(seconds),
                CeilingSeconds = parse.GetValue(ceilingSeconds),
                Workers = parse.GetValue(workers),
                Transport = parse.GetRequiredValue(transport),
                Model = parse.GetRequiredValue(model),
                DetectFps = parse.GetValue(detectFps),
                Rtsp = parse.GetValue(rtsp),
                QuietScene = parse.GetRequiredValue(scene) == "quiet",
                Peers = parse.GetValue(peers),
                Hwaccel = parse.GetValue(hwaccel),
                Motion = parse.GetValue(motion),
                KeepIngest = parse.GetValue(keepIngest),
            };
            using var loggers = Logging.CreateFactory();
            BenchReport report;
            try
            {
                report = await new PipelineBenchmark(loggers).RunAsync(settings, cancellationToken);
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync($"bench: {e.Message}");
                return ExitCodes.BadInput;
            }

            Console.WriteLine(JsonSerializer.Serialize(report, BenchJsonContext.Default.BenchReport));
            if (parse.GetValue(markdown))
            {
                await Console.Error.WriteAsync(BenchTables.PeersMarkdown(report));
            }
            else
            {
                BenchTables.Write(report, Console.Error);
            }

            return 0;
        });
        return command;
    }
}
