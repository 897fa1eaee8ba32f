namespace Watchpost.Detection;

/// <summary>Where <see cref="ModelFetcher"/> put a model and where it came from ("cache", a mirror folder, or the URL).</summary>
public sealed record ModelFetchResult(string Path, string Source, ModelVerification Verification);
