namespace Watchpost.Detection.Runtime;

/// <summary>An execution provider that could not be used, and why (e.g. a CUDA library that is not installed).</summary>
internal sealed record ProviderFallback(ExecutionProvider Provider, string Reason)
{
    public override string ToString() => $"{Provider.Name()}: {Reason}";
}
