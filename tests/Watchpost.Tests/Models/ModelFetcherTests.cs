using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Watchpost.Models;
using Watchpost.Tests.Detection;
using Watchpost.Tests.Support;


namespace Watchpost.Tests.Models;

/// <summary>Fetching into a temporary cache: from a mirror folder, and over HTTP from a real local server.</summary>
public class ModelFetcherTests
{
    private static ModelManifestEntry YoloxNano => ModelManifest.BuiltIn.Find("yolox-nano");

    [Fact]
    public async Task Copies_from_a_mirror_folder_into_the_cache_then_keeps_the_cached_copy()
    {
        using var cache = new TempFolder();
        var mirror = Path.GetDirectoryName(Path.GetDirectoryName(RealDetector.Model.Path))!;
        using var http = new HttpClient();
        var fetcher = new ModelFetcher(new ModelLocator([mirror], cache.Path), http);

        var first = await fetcher.FetchAsync(YoloxNano, CancellationToken.None);
        var second = await fetcher.FetchAsync(YoloxNano, CancellationToken.None);

        Assert.Equal(Path.Combine(cache.Path, "models", "yolox_nano.onnx"), first.Path);
        Assert.Equal(RealDetector.Model.Path, first.Source);
        Assert.Equal("cache", second.Source);
        Assert.True(ModelVerifier.Verify(first.Path, YoloxNano).IsValid);
        Assert.Single(Directory.GetFiles(Path.Combine(cache.Path, "models")));
    }

    [Fact]
    public async Task A_variant_is_made_from_its_base_model_with_make_variant_and_verified_against_its_own_sha256()
    {
        using var cache = new TempFolder();
        var mirror = Path.GetDirectoryName(Path.GetDirectoryName(RealDetector.Model.Path))!;
        using var http = new HttpClient();
        var fetcher = new ModelFetcher(new ModelLocator([mirror], cache.Path), http);
        var variant = ModelManifest.BuiltIn.Find("yolox-nano-dynamic");

        var made = await fetcher.FetchAsync(variant, CancellationToken.None);
        var again = await fetcher.FetchAsync(variant, CancellationToken.None);

        Assert.Equal(Path.Combine(cache.Path, "models", "yolox_nano_dynamic.onnx"), made.Path);
        Assert.Contains("make-variant.py --dynamic-batch", made.Source, StringComparison.Ordinal);
        Assert.Contains(made.Verification.Sha256, variant.Sha256);
        Assert.Equal(-1, made.Verification.InputShape![0]); // the batch is dynamic
        Assert.Equal("cache", again.Source);
        // The base was fetched into the cache on the way; no temporary file is left.
        Assert.Equal(["yolox_nano.onnx", "yolox_nano_dynamic.onnx"], Directory.GetFiles(Path.Combine(cache.Path, "models")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task Without_python_a_variant_fails_saying_what_to_install_and_leaves_no_file()
    {
        using var cache = new TempFolder();
        var mirror = Path.GetDirectoryName(Path.GetDirectoryName(RealDetector.Model.Path))!;
        using var http = new HttpClient();
        var fetcher = new ModelFetcher(new ModelLocator([mirror], cache.Path), http, variants: new ModelVariantMaker("/nonexistent/python3"));

        var e = await Assert.ThrowsAsync<ModelFileException>(() => fetcher.FetchAsync(ModelManifest.BuiltIn.Find("yolox-nano-dynamic"), CancellationToken.None));

        Assert.Contains("cannot run /nonexistent/python3", e.Message, StringComparison.Ordinal);
        Assert.Contains("python3-onnx", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(cache.Path, "models", "yolox_nano_dynamic.onnx")));
        Assert.Empty(Directory.GetFiles(Path.Combine(cache.Path, "models"), "*.part"));
    }

    [Fact]
    public async Task Downloads_when_no_mirror_has_the_file_and_verifies_it()
    {
        var bytes = await File.ReadAllBytesAsync(RealDetector.Model.Path);
        await using var server = await FileServer.StartAsync(bytes);
        using var cache = new TempFolder();
        using var emptyMirror = new TempFolder();
        using var http = new HttpClient();
        var fetcher = new ModelFetcher(new ModelLocator([emptyMirror.Path], cache.Path), http);

        var result = await fetcher.FetchAsync(YoloxNano with { Url = server.Url }, CancellationToken.None);

        Assert.Equal(server.Url, result.Source);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(result.Path));
        Assert.True(result.Verification.IsValid);
    }

    [Fact]
    public async Task A_download_with_the_wrong_hash_is_refused_and_nothing_is_left_in_the_cache()
    {
        var bytes = new byte[YoloxNano.Size!.Value];
        new Random(3).NextBytes(bytes);
        await using var server = await FileServer.StartAsync(bytes);
        using var cache = new TempFolder();
        using var http = new HttpClient();
        var fetcher = new ModelFetcher(new ModelLocator([], cache.Path), http);

        var e = await Assert.ThrowsAsync<ModelFileException>(() => fetcher.FetchAsync(YoloxNano with { Url = server.Url }, CancellationToken.None));

        Assert.Contains(server.Url, e.Message, StringComparison.Ordinal);
        Assert.Contains("expected one of " + YoloxNano.Sha256[0], e.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(cache.Path, "*", SearchOption.AllDirectories));
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task Plain_http_to_another_host_is_refused()
    {
        using var cache = new TempFolder();
        using var http = new HttpClient();
        var fetcher = new ModelFetcher(new ModelLocator([], cache.Path), http);

        var e = await Assert.ThrowsAsync<ModelFileException>(() =>
            fetcher.FetchAsync(YoloxNano with { Url = "http://example.org/yolox_nano.onnx" }, CancellationToken.None));

        Assert.Contains("not an https:// URL", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A real HTTP server on a loopback port the OS picks, serving one file.</summary>
    private sealed class FileServer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _requests;

        private FileServer(WebApplication app) => _app = app;

        public string Url { get; private set; } = "";
        public int Requests => _requests;

        public static async Task<FileServer> StartAsync(byte[] content)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var server = new FileServer(app);
            app.MapGet("/yolox_nano.onnx", () =>
            {
                Interlocked.Increment(ref server._requests);
                return Results.Bytes(content, "application/octet-stream");
            });
            await app.StartAsync();
            server.Url = app.Urls.Single() + "/yolox_nano.onnx";
            return server;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
