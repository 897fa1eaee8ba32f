using System.CommandLine;
using System.Text.Json;
using Watchpost.Assets;
using Watchpost.Bench;

namespace Watchpost.Cli;

/// <summary>`watchpost bench`: the pipeline's throughput, latency, CPU and memory against the machine's inference ceiling.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var cameras = new Option<int>("--cameras") { Description = "Number of cameras", DefaultValueFactory = _ => 1 };
        var source = new Option<string?>("--source") { Description = "A video file (default: the sample footage) or an rtsp:// URL every camera reads" };
        var seconds = new Option<double>("--seconds") { Description = "How long the pipeline runs", DefaultValueFactory = _ => 30 };
        var ceilingSeconds = new Option<double>("--ceiling-seconds") { Description = "How long each ceiling mode is measured", DefaultValueFactory = _ => 5 };
        var workers = new Option<int>("--workers") { Description = "Detector workers (0 = one per core)", DefaultValueFactory = _ => 0 };
        var transport = new Option<string>("--transport") { Description = "RTSP transport (tcp|udp)", DefaultValueFactory = _ => "tcp" };
        var model = new Option<string>("--model") { Description = "Model name from models/manifest.json", DefaultValueFactory = _ => "yolox-nano" };
        var command = new Command("bench", "Run the pipeline on N cameras and print its figures and the inference ceiling as one JSON line")
        {
            cameras, source, seconds, ceilingSeconds, workers, transport, model,
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
            };
            using var loggers = Logging.CreateFactory();
            var report = await new PipelineBenchmark(loggers).RunAsync(settings, cancellationToken);
            Console.WriteLine(JsonSerializer.Serialize(report, BenchJsonContext.Default.BenchReport));
            return 0;
        });
        return command;
    }
}
