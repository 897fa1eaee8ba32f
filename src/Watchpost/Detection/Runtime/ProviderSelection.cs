namespace Watchpost.Detection.Runtime;

/// <summary>Which execution provider the detector runs on and why each preferred one before it was passed over.</summary>
internal sealed record ProviderSelection(ExecutionProvider Chosen, IReadOnlyList<ProviderFallback> Fallbacks)
{
    public bool IsGpu => Chosen != ExecutionProvider.Cpu;

    /// <summary>One line for logs and <c>doctor</c>: "cpu (tensorrt: ...; cuda: ...)".</summary>
    public override string ToString() =>
        Fallbacks.Count == 0 ? Chosen.Name() : $"{Chosen.Name()} (fell back from {string.Join("; ", Fallbacks)})";
}
