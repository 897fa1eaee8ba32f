using System.Security.Cryptography;
using System.Text;
using Microsoft.ML.OnnxRuntime;
using Watchpost.Detection.Decoding;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace Watchpost.Models;

/// <summary>
/// Checks a model file against its manifest entry: size and sha256, that ONNX Runtime can read it, and its input
/// and output shapes. All checks run, so one message tells everything that is wrong.
/// </summary>
internal static class ModelVerifier
{
    public static ModelVerification Verify(string path, ModelManifestEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new ModelFileException($"model file {full} does not exist (expected '{entry.Name}', {entry.File})", full);
        }

        var problems = new List<string>();
        var size = new FileInfo(full).Length;
        if (entry.Size is { } expectedSize && size != expectedSize)
        {
            problems.Add($"size is {size:N0} bytes, expected {expectedSize:N0} (a truncated or different file)");
        }

        var sha = HashFile(full);
        if (!entry.Sha256.Contains(sha))
        {
            problems.Add($"sha256 is {sha}, expected {(entry.Sha256.Count == 1 ? entry.Sha256[0] : "one of " + string.Join(", ", entry.Sha256))} (the file is corrupt or another model)");
        }

        IReadOnlyList<int>? input = null, output = null;
        if (NotOnnxReason(full) is { } notOnnx)
        {
            problems.Add(notOnnx);
        }
        else
        {
            try
            {
                (input, output) = ReadShapes(full);
            }
            catch (OnnxRuntimeException e)
            {
                problems.Add($"it is not an ONNX model ONNX Runtime can load: {FirstLine(e.Message)}");
            }
        }

        if (input is not null && !Fits(input, entry.Input))
        {
            problems.Add($"input shape is [{string.Join(", ", input)}], expected [{string.Join(", ", entry.Input)}]");
        }

        if (output is not null && entry.Output is { } expectedOutput && !Fits(output, expectedOutput))
        {
            problems.Add($"output shape is [{string.Join(", ", output)}], expected [{string.Join(", ", expectedOutput)}]");
        }

        if (output is not null && entry.Output is null)
        {
            try
            {
                var implied = OutputLayouts.FromShape(output, entry.Labels.Count);
                if (entry.DeclaredLayout is { } declared && declared != implied)
                {
                    problems.Add($"output shape [{string.Join(", ", output)}] is the {OutputLayouts.Name(implied)} layout, expected {entry.Layout}");
                }
            }
            catch (InvalidDataException e)
            {
                problems.Add(e.Message);
            }
        }

        return new ModelVerification
        {
            Path = full, ModelName = entry.Name, Size = size, Sha256 = sha, InputShape = input, OutputShape = output, Problems = problems,
        };
    }

    public static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The first input's and output's shapes, read by opening a CPU session without optimisation.</summary>
    public static (IReadOnlyList<int> Input, IReadOnlyList<int> Output) ReadShapes(string path)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL, IntraOpNumThreads = 1 };
        using var session = new InferenceSession(path, options);
        return (session.InputMetadata.First().Value.Dimensions, session.OutputMetadata.First().Value.Dimensions);
    }

    // Catches the usual stand-ins for a model before ONNX Runtime's terse "Protobuf parsing failed".
    private static string? NotOnnxReason(string path)
    {
        var head = new byte[64];
        int read;
        using (var stream = File.OpenRead(path))
        {
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        var text = Encoding.ASCII.GetString(head, 0, read);
        if (read == 0)
        {
            return "it is empty, not an ONNX model";
        }

        if (text.StartsWith("version https://git-lfs", StringComparison.Ordinal))
        {
            return "it is a Git LFS pointer, not an ONNX model (fetch the real file)";
        }

        return text.TrimStart().StartsWith('<') ? "it is an HTML/XML page (a failed download?), not an ONNX model" : null;
    }

    private static bool Fits(IReadOnlyList<int> actual, IReadOnlyList<int> expected) =>
        actual.Count == expected.Count && actual.Zip(expected).All(p => p.First == p.Second || p.First <= 0);

    private static string FirstLine(string message) =>
        message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? message;
}
