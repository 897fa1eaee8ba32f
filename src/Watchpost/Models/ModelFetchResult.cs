namespace Watchpost.Models;

/// <summary>Where <see cref="ModelFetcher"/> put a model and where it came from ("cache", a mirror folder, or the URL).</summary>
internal sealed record ModelFetchResult(string Path, string Source, ModelVerification Verification);
