using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Watchpost.Configuration;
using Watchpost.Detection;
using Watchpost.Evaluation;

namespace Watchpost.Cli;

/// <summary>
/// `watchpost eval behaviour`: detection, tracking and rules on every frame of each video; the events as JSON
/// lines (--out), scored against ground-truth trajectories (--gt) or clip labels (--labels-csv, --positive-pattern).
/// </summary>
public static class EvalBehaviourCommand
{
    public static Command Create()
    {
        var videos = new Option<FileInfo[]>("--video") { Description = "A video file (repeat for several)", Required = true, AllowMultipleArgumentsPerToken = true };
        var rules = new Option<FileInfo>("--rules") { Description = "zones, lines and rules in the site file's format (camera left out)", Required = true };
        var fps = new Option<double?>("--fps") { Description = "Frame rate of the footage's time (frame n is at (n-1)/F); default: the container's" };
        var groundTruth = new Option<FileInfo?>("--gt") { Description = "MOTChallenge ground truth of the (single) video: true events come from its trajectories" };
        var output = new Option<FileInfo?>("--out") { Description = "Write every event here, one JSON object per line, in time order" };
        var truthOutput = new Option<FileInfo?>("--gt-out") { Description = "Write the events the ground truth implies here (same format as --out)" };
        var labels = new Option<FileInfo[]>("--labels-csv") { Description = "GMDCSA24 label file(s): D/X.csv labels the clips in D/X/ (falls)", AllowMultipleArgumentsPerToken = true };
        var positive = new Option<string?>("--positive-pattern") { Description = "File-name pattern of positive clips, e.g. 'fight-*'; the other videos are negative" };
        var slack = new Option<double>("--slack") { Description = "Seconds after a labelled range an event still counts", DefaultValueFactory = _ => 2 };
        var tolerance = new Option<double>("--tolerance") { Description = "Seconds between a raised and a true start that still match", DefaultValueFactory = _ => 1 };
        var model = new Option<string>("--model") { Description = "Model name from models/manifest.json", DefaultValueFactory = _ => "yolox-nano" };
        var modelPath = new Option<string?>("--model-path") { Description = "Explicit .onnx file" };
        var motion = EvalCommand.MotionOption();
        var cacheFolder = new Option<DirectoryInfo?>("--cache") { Description = "Keep each video's detections in this folder and reuse them on the next run (same video, model and classes)" };

        var command = new Command("behaviour", "Run the rules on every frame of each video and print the events per rule (and precision / recall with --gt or clip labels) as one JSON line")
        {
            videos, rules, fps, groundTruth, output, truthOutput, labels, positive, slack, tolerance, model, modelPath, cacheFolder, motion,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var videoFiles = parse.GetRequiredValue(videos);
            foreach (var video in videoFiles)
            {
                EvalCommand.RequireFile(video, "--video");
            }

            var gtFile = parse.GetValue(groundTruth);
            if (gtFile is not null)
            {
                EvalCommand.RequireFile(gtFile, "--gt");
                if (videoFiles.Length != 1)
                {
                    throw new InvalidConfigurationException("--gt", $"ground truth belongs to one video, but {videoFiles.Length} were given");
                }
            }

            var rate = parse.GetValue(fps);
            if (rate is <= 0 or > 1000)
            {
                throw new InvalidConfigurationException("--fps", $"{rate} is not a frame rate (expected more than 0, e.g. 7)");
            }

            var site = BehaviourRulesFile.Load(parse.GetRequiredValue(rules).FullName);
            var ruleList = site.Rules.Select(r => (r.Id, r.Type)).ToList();
            var clipLabels = new ClipLabels((parse.GetValue(labels) ?? []).Select(f => f.FullName), parse.GetValue(positive));

            // The classes the rules watch (persons always: group and owner logic looks at them).
            var detectorOptions = new DetectorOptions
            {
                Model = parse.GetRequiredValue(model),
                ModelPath = parse.GetValue(modelPath),
                Classes = [.. site.Rules.SelectMany(r => r.Classes).Append("person").Distinct(StringComparer.OrdinalIgnoreCase)],
            };
            using var loggers = Logging.CreateFactory();
            using var detector = new DetectorFactory(detectorOptions, loggers).Create();
            var cache = parse.GetValue(cacheFolder) is { } folder
                ? new DetectionCache(folder.FullName, $"{detectorOptions.Model}|{detectorOptions.ModelPath}|{detectorOptions.ScoreThreshold}|{detectorOptions.NmsThreshold}|{string.Join(',', detectorOptions.Classes.Order(StringComparer.Ordinal))}")
                : null;
            var clock = Stopwatch.StartNew();
            var results = new List<(string Path, VideoEvents Events)>();
            var names = VideoNames(videoFiles);
            for (var i = 0; i < videoFiles.Length; i++)
            {
                results.Add((videoFiles[i].FullName, BehaviourEvaluation.RunVideo(detector, videoFiles[i].FullName, site, rate, cache, names[i],
                    parse.GetValue(motion) ? new MotionOptions { Enabled = true } : null, cancellationToken)));
            }

            var all = results.SelectMany(r => r.Events.Events).OrderBy(e => e.StartS).ThenBy(e => e.Video, StringComparer.Ordinal).ToList();
            if (parse.GetValue(output) is { } outFile)
            {
                WriteLines(outFile, all);
            }

            IReadOnlyList<RuleScore>? scores = null;
            if (gtFile is not null)
            {
                var only = results[0].Events;
                // Every row, also those MOTChallenge leaves out of its scores (conf 0: far or cut off): the person is there all the same.
                var truth = BehaviourEvaluation.RunGroundTruth(MotChallengeFile.Read(gtFile.FullName), only.Frames, only.Fps, site, only.Video);
                scores = EventMatching.Score(truth.Events, only.Events, ruleList, TimeSpan.FromSeconds(parse.GetValue(tolerance)));
                if (parse.GetValue(truthOutput) is { } truthFile)
                {
                    WriteLines(truthFile, truth.Events.OrderBy(e => e.StartS));
                }
            }

            var clips = clipLabels.IsEmpty ? null : ClipScoring.Score(results, clipLabels, ruleList, TimeSpan.FromSeconds(parse.GetValue(slack)));
            var report = new BehaviourReport(results.Count, results.Sum(r => r.Events.Frames), rate, all.Count, Math.Round(clock.Elapsed.TotalSeconds, 1),
                gtFile is null ? null : parse.GetValue(tolerance), scores, clips,
                ruleList.ToDictionary(r => r.Id, r => all.Count(e => e.Rule == r.Id)))
            {
                FramesGated = parse.GetValue(motion) ? results.Sum(r => r.Events.FramesGated ?? 0) : null,
            };
            Console.WriteLine(JsonSerializer.Serialize(report, EvaluationJsonContext.Default.BehaviourReport));
            return Task.FromResult(0);
        });
        return command;
    }

    private static void WriteLines(FileInfo file, IEnumerable<EvaluatedEvent> events) =>
        File.WriteAllLines(file.FullName, events.Select(e => JsonSerializer.Serialize(e, EvaluationJsonContext.Default.EvaluatedEvent)));

    /// <summary>Each video's path below the folder all of them share ("subject1/fall/13.mp4"), or its file name when alone.</summary>
    private static string[] VideoNames(FileInfo[] videos)
    {
        if (videos.Length == 1)
        {
            return [videos[0].Name];
        }

        var common = videos[0].DirectoryName!;
        while (!videos.All(v => v.FullName.StartsWith(common + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
        {
            common = Path.GetDirectoryName(common) ?? "";
        }

        return [.. videos.Select(v => Path.GetRelativePath(common.Length == 0 ? "/" : common, v.FullName))];
    }
}
