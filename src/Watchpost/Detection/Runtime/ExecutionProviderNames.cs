namespace Watchpost.Detection.Runtime;

/// <summary>The names of execution providers as written in the site file (<c>detector.providers</c>).</summary>
internal static class ExecutionProviderNames
{
    public static IReadOnlyList<ExecutionProvider> Default { get; } = [ExecutionProvider.TensorRt, ExecutionProvider.Cuda, ExecutionProvider.Cpu];

    public static ExecutionProvider Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "tensorrt" or "trt" => ExecutionProvider.TensorRt,
        "cuda" => ExecutionProvider.Cuda,
        "cpu" => ExecutionProvider.Cpu,
        _ => throw new FormatException($"unknown execution provider '{name}', expected one of tensorrt, cuda, cpu"),
    };

    public static IReadOnlyList<ExecutionProvider> ParseAll(IEnumerable<string> names)
    {
        var providers = names.Select(Parse).Distinct().ToList();
        return providers.Count > 0 ? providers : throw new FormatException("no execution provider given, expected some of tensorrt, cuda, cpu");
    }

    public static string Name(this ExecutionProvider provider) => provider switch
    {
        ExecutionProvider.TensorRt => "tensorrt",
        ExecutionProvider.Cuda => "cuda",
        ExecutionProvider.Cpu => "cpu",
        _ => provider.ToString().ToLowerInvariant(),
    };
}
