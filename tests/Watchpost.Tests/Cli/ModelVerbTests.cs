using System.Text.Json;
using Watchpost.Configuration;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Cli;

/// <summary>`watchpost model list|fetch|verify|bench` as the real executable, reading the site file's detector section.</summary>
public sealed class ModelVerbTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_missing_model_fails_verify_and_bench_with_exit_1_and_a_hint_to_fetch_it()
    {
        var missing = _folder.File("models/yolox_nano.onnx");
        var site = Site($$"""{ "modelPath": {{JsonSerializer.Serialize(missing)}} }""");

        var verify = await WatchpostProcess.RunAsync("model", "verify", "--config", site);
        Assert.True(verify.ExitCode == 1, verify.ToString());
        Assert.Contains($"model file {missing} (detector.modelPath) does not exist", verify.Stderr, StringComparison.Ordinal);
        Assert.Contains("hint: run `watchpost model fetch`", verify.Stderr, StringComparison.Ordinal);

        var bench = await WatchpostProcess.RunAsync("model", "bench", "--config", site, "--frames", "1", "--ceiling-seconds", "0", "--pool-seconds", "0");
        Assert.True(bench.ExitCode == 1, bench.ToString());
        Assert.Contains("hint: run `watchpost model fetch`", bench.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_fetch_and_list_use_the_site_file_and_bad_input_exits_2()
    {
        var site = Site("""{ "model": "yolox-nano" }""");
        var cache = _folder.File("cache");

        // Fetched from a mirror folder holding the model the tests run on (wherever setup.sh put it), not downloaded:
        // a test must not depend on reaching GitHub.
        var mirror = Directory.CreateDirectory(_folder.File("mirror/models")).Parent!.FullName;
        File.CreateSymbolicLink(Path.Join(mirror, "models", "yolox_nano.onnx"), TestAssets.Model);
        var environment = new Dictionary<string, string?> { ["WATCHPOST_CACHE"] = cache, ["WATCHPOST_MIRROR"] = mirror };

        var fetch = await WatchpostProcess.RunAsync(["model", "fetch", "--config", site], environment: environment);
        Assert.True(fetch.ExitCode == 0, fetch.ToString());
        Assert.Contains($"yolox-nano: {Path.Join(cache, "models", "yolox_nano.onnx")}", fetch.Stdout, StringComparison.Ordinal);

        // The fetched copy, named by the site file, is the one verified.
        var fetched = Site($$"""{ "modelPath": {{JsonSerializer.Serialize(Path.Join(cache, "models", "yolox_nano.onnx"))}} }""");
        var verify = await WatchpostProcess.RunAsync("model", "verify", "--config", fetched);
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Contains($"yolox-nano: OK {Path.Join(cache, "models", "yolox_nano.onnx")}", verify.Stdout, StringComparison.Ordinal);

        var list = await WatchpostProcess.RunAsync("model", "list", "--config", site, "--json");
        Assert.True(list.ExitCode == 0, list.ToString());
        using (var json = JsonDocument.Parse(list.Stdout))
        {
            Assert.Equal("yolox-nano", json.RootElement[0].GetProperty("name").GetString());
            Assert.Equal("416x416", json.RootElement[0].GetProperty("input").GetString());
        }

        var absent = await WatchpostProcess.RunAsync("model", "verify", "--config", _folder.File("absent.json"));
        Assert.True(absent.ExitCode == 2, absent.ToString());
        Assert.Contains("absent.json", absent.Stderr, StringComparison.Ordinal);

        var unknown = await WatchpostProcess.RunAsync("model", "verify", "no-such-model", "--config", site);
        Assert.True(unknown.ExitCode == 2, unknown.ToString());
        Assert.Contains("no-such-model", unknown.Stderr, StringComparison.Ordinal);
    }

    [NoDefaultSiteFileFact]
    public async Task Without_a_site_file_verify_uses_the_built_in_settings_and_says_so()
    {
        var verify = await WatchpostProcess.RunAsync("model", "verify");
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Contains($"note: no site file at {WatchpostOptionsLoader.DefaultPath}: using the built-in detector settings", verify.Stderr, StringComparison.Ordinal);
        Assert.Contains("yolox-nano: OK", verify.Stdout, StringComparison.Ordinal);
    }

    private string Site(string detector)
    {
        var path = _folder.File($"site-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, $$"""{ "site": { "deviceId": "model-box" }, "storage": { "path": {{JsonSerializer.Serialize(_folder.File("data"))}} }, "detector": {{detector}} }""");
        return path;
    }
}
