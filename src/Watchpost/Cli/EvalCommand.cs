using System.CommandLine;
using Watchpost.Configuration;
using Watchpost.Detection;
using Watchpost.Evaluation;

namespace Watchpost.Cli;

/// <summary>`watchpost eval mot`: detection + tracking on every frame of a video, scored against MOTChallenge ground truth.</summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var video = new Option<FileInfo>("--video") { Description = "The video file", Required = true };
        var groundTruth = new Option<FileInfo>("--gt") { Description = "MOTChallenge ground truth (frame,id,x,y,w,h,conf,...)", Required = true };
        var output = new Option<FileInfo?>("--out") { Description = "Write the tracks here in MOTChallenge format" };
        var model = new Option<string>("--model") { Description = "Model name from models/manifest.json", DefaultValueFactory = _ => "yolox-nano" };
        var modelPath = new Option<string?>("--model-path") { Description = "Explicit .onnx file" };
        var motion = MotionOption();

        var mot = new Command("mot", "Track persons on every frame and print MOTA, MOTP, IDF1, ID switches, precision, recall and fps as one JSON line")
        {
            video, groundTruth, output, model, modelPath, motion,
        };
        mot.SetAction((parse, cancellationToken) =>
        {
            var videoFile = parse.GetRequiredValue(video);
            var gtFile = parse.GetRequiredValue(groundTruth);
            RequireFile(videoFile, "--video");
            RequireFile(gtFile, "--gt");

            // The appliance's detector settings (scores down to 0.1 for the tracker's second association), persons only.
            var options = new DetectorOptions
            {
                Model = parse.GetRequiredValue(model),
                ModelPath = parse.GetValue(modelPath),
                Classes = ["person"],
            };
            using var loggers = Logging.CreateFactory();
            using var detector = new DetectorFactory(options, loggers).Create();
            var result = MotEvaluation.Run(detector, videoFile.FullName, gtFile.FullName, parse.GetValue(output)?.FullName,
                motion: parse.GetValue(motion) ? new MotionOptions { Enabled = true } : null, cancellationToken: cancellationToken);
            Console.WriteLine(result.ToJson());
            return Task.FromResult(0);
        });

        return new Command("eval", "Measure quality on footage with ground truth") { mot, EvalBehaviourCommand.Create() };
    }

    /// <summary>`--motion`: frames pass a camera's motion gate with its default settings first, as in the service.</summary>
    internal static Option<bool> MotionOption() => new("--motion")
    {
        Description = "Gate frames with the camera motion gate (default motion settings): a frame without motion, tracks or a due re-check is tracked with no detections",
    };

    /// <summary>An input file the user named must exist (exit code 2, naming the option).</summary>
    internal static void RequireFile(FileInfo file, string option)
    {
        if (!file.Exists)
        {
            throw new FileNotFoundException($"{option} {file.FullName}: no such file", file.FullName);
        }
    }
}
