using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;

namespace Watchpost.Models;

/// <summary>
/// Puts a manifest model into the download cache: keeps a cached copy that verifies, else copies the file from a
/// mirror folder, else downloads it from its HTTPS address (retrying network failures), and accepts it only when its
/// sha256 is one the manifest lists. A file is written under a temporary name and moved into place once verified,
/// so the cache never holds a partial or corrupt model. A variant (<see cref="ModelManifestEntry.MadeFrom"/>) is made
/// from its base model's file, fetched the same way, and verified against the variant's own sha256.
/// </summary>
internal sealed class ModelFetcher
{
    private readonly ModelLocator _locator;
    private readonly HttpClient _http;
    private readonly ILogger _logger;
    private readonly ModelManifest _manifest;
    private readonly ModelVariantMaker _variants;
    private readonly ResiliencePipeline _retry;

    /// <param name="manifest">Where a variant's base model is looked up; the built-in manifest by default.</param>
    public ModelFetcher(ModelLocator locator, HttpClient http, ILogger<ModelFetcher>? logger = null, ModelManifest? manifest = null, ModelVariantMaker? variants = null)
    {
        _locator = locator;
        _http = http;
        _logger = logger ?? NullLogger<ModelFetcher>.Instance;
        _manifest = manifest ?? ModelManifest.BuiltIn;
        _variants = variants ?? new ModelVariantMaker();
        _retry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>().Handle<IOException>()
                    .Handle<TaskCanceledException>(e => !e.CancellationToken.IsCancellationRequested),
                MaxRetryAttempts = 3,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromSeconds(2),
                OnRetry = args =>
                {
                    _logger.LogWarning("Model download failed ({Error}); retry {Attempt} in {Delay}", args.Outcome.Exception?.Message, args.AttemptNumber + 1, args.RetryDelay);
                    return default;
                },
            })
            .Build();
    }

    public async Task<ModelFetchResult> FetchAsync(ModelManifestEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var target = _locator.CachePath(entry);
        if (File.Exists(target))
        {
            var cached = ModelVerifier.Verify(target, entry);
            if (cached.IsValid)
            {
                return new ModelFetchResult(target, "cache", cached);
            }

            _logger.LogWarning("Cached model {Path} is not valid ({Problems}); fetching it again", target, string.Join("; ", cached.Problems));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        foreach (var folder in _locator.MirrorFolders)
        {
            var source = Path.Combine(folder, "models", entry.File);
            if (!File.Exists(source))
            {
                continue;
            }

            if (!entry.Sha256.Contains(ModelVerifier.HashFile(source)))
            {
                _logger.LogWarning("Mirror copy {Path} does not have an accepted sha256; not using it", source);
                continue;
            }

            var copied = await StoreAsync(target, entry, async (temp, ct) =>
            {
                await using var from = File.OpenRead(source);
                await using var to = File.Create(temp);
                await from.CopyToAsync(to, ct);
            }, cancellationToken);
            _logger.LogInformation("Copied model {Name} from {Source} to {Path}", entry.Name, source, target);
            return new ModelFetchResult(target, source, copied);
        }

        // A variant no mirror holds is made here, never downloaded: its URL is the base model's.
        if (entry.MadeFrom is { } baseModel)
        {
            return await MakeVariantAsync(entry, _manifest.Find(baseModel), target, cancellationToken);
        }

        var url = CheckUrl(entry.Url);
        var downloaded = await _retry.ExecuteAsync(
            async ct => await StoreAsync(target, entry, (temp, c) => DownloadAsync(url, temp, entry, c), ct),
            cancellationToken);
        _logger.LogInformation("Downloaded model {Name} from {Url} to {Path}", entry.Name, url, target);
        return new ModelFetchResult(target, url.ToString(), downloaded);
    }

    private async Task<ModelFetchResult> MakeVariantAsync(ModelManifestEntry entry, ModelManifestEntry baseEntry, string target, CancellationToken cancellationToken)
    {
        if (baseEntry.MadeFrom is not null)
        {
            throw new ModelFileException($"model '{entry.Name}' is made from '{baseEntry.Name}', itself a variant; expected a downloadable base model", entry.File);
        }

        var baseFile = await FetchAsync(baseEntry, cancellationToken);
        ModelVerification made;
        try
        {
            made = await StoreAsync(target, entry, (temp, ct) => _variants.MakeAsync(baseFile.Path, temp, entry.VariantArguments, ct), cancellationToken);
        }
        catch (ModelFileException e) when (e.Message.Contains("sha256", StringComparison.Ordinal))
        {
            // The same script and base give the same bytes only with the same onnx library.
            throw new ModelFileException(
                $"{e.Message}; the manifest's sha256 is of the file make-variant.py writes with Debian 12's python3-onnx (1.12)", target, e);
        }

        var how = $"{baseFile.Path} by make-variant.py {string.Join(' ', entry.VariantArguments)}";
        _logger.LogInformation("Made model {Name} from {How} at {Path}", entry.Name, how, target);
        return new ModelFetchResult(target, how, made);
    }

    private static async Task<ModelVerification> StoreAsync(string target, ModelManifestEntry entry, Func<string, CancellationToken, Task> write, CancellationToken ct)
    {
        var temp = $"{target}.{Environment.ProcessId}.{Guid.NewGuid():N}.part";
        try
        {
            await write(temp, ct);
            var verification = ModelVerifier.Verify(temp, entry) with { Path = target };
            verification.EnsureValid();
            File.Move(temp, target, overwrite: true);
            return verification;
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private async Task DownloadAsync(Uri url, string temp, ModelManifestEntry entry, CancellationToken ct)
    {
        using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"GET {url} answered {(int)response.StatusCode} {response.ReasonPhrase}, expected 200", null, response.StatusCode);
        }

        // Stop a wrong or endless body early rather than filling the disk.
        var limit = entry.Size is { } size ? size + 1 : 2L << 30;
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        await using var file = File.Create(temp);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, ct)) > 0)
        {
            total += read;
            if (total > limit)
            {
                throw new ModelFileException($"download of {url} is larger than the expected {entry.Size:N0} bytes of '{entry.Name}'; not keeping it", temp);
            }

            hash.AppendData(buffer, 0, read);
            await file.WriteAsync(buffer.AsMemory(0, read), ct);
        }

        var sha = Convert.ToHexStringLower(hash.GetHashAndReset());
        if (!entry.Sha256.Contains(sha))
        {
            throw new ModelFileException(
                $"download of {url} ({total:N0} bytes) has sha256 {sha}, expected one of {string.Join(", ", entry.Sha256)}; not keeping it", temp);
        }
    }

    // HTTPS only: a model is code the appliance runs. Plain HTTP is allowed on loopback, for a local mirror or a test.
    private static Uri CheckUrl(string address)
    {
        if (Uri.TryCreate(address, UriKind.Absolute, out var url) &&
            (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)))
        {
            return url;
        }

        throw new ModelFileException($"model address '{address}' is not an https:// URL; refusing to download a model over an unauthenticated channel");
    }
}
