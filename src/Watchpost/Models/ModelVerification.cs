namespace Watchpost.Models;

/// <summary>What <see cref="ModelVerifier"/> found in a model file, and every way it differs from its manifest entry.</summary>
public sealed record ModelVerification
{
    public required string Path { get; init; }
    public required string ModelName { get; init; }
    public required long Size { get; init; }
    public required string Sha256 { get; init; }

    /// <summary>The first input's shape (null when the file is not a readable ONNX model); -1 is a dynamic dimension.</summary>
    public IReadOnlyList<int>? InputShape { get; init; }

    public IReadOnlyList<int>? OutputShape { get; init; }

    /// <summary>One sentence per mismatch; empty when the file is the manifest's model.</summary>
    public required IReadOnlyList<string> Problems { get; init; }

    public bool IsValid => Problems.Count == 0;

    /// <summary>Throws <see cref="ModelFileException"/> listing every problem, naming the file and the manifest entry.</summary>
    public ModelVerification EnsureValid() => IsValid
        ? this
        : throw new ModelFileException($"model file {Path} is not a valid '{ModelName}': {string.Join("; ", Problems)}", Path);
}
