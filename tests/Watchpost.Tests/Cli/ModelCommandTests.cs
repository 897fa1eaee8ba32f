using System.CommandLine;
using System.Text.Json;
using Watchpost.Cli;
using Watchpost.Configuration;
using Watchpost.Models;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Cli;

/// <summary>`watchpost model ...` through System.CommandLine, as the root command will run it.</summary>
public class ModelCommandTests
{
    [Fact]
    public async Task Verify_accepts_the_real_model()
    {
        var (code, output, error) = await Run(null, "verify");

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Contains("yolox-nano: OK", output, StringComparison.Ordinal);
        Assert.Contains("4903c9058f6e2553834e9905be1ae5d67e262cb6321964dbc57a49edc6fa10da", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_of_a_corrupt_file_exits_1_with_the_expected_and_actual_hash()
    {
        using var temp = new TempFolder();
        var path = temp.File("yolox_nano.onnx");
        await File.WriteAllBytesAsync(path, new byte[100]);

        var (code, _, error) = await Run(null, "verify", "--path", path);

        Assert.Equal(1, code);
        Assert.Contains($"error: model file {path} is not a valid 'yolox-nano'", error, StringComparison.Ordinal);
        Assert.Contains("sha256 is ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_copies_from_the_mirror_into_the_cache()
    {
        using var cache = new TempFolder();
        var mirror = Path.GetDirectoryName(Path.GetDirectoryName(TestAssets.Model))!;
        var catalog = new ModelCatalog(ModelManifest.BuiltIn, new ModelLocator([mirror], cache.Path));

        var (code, output, _) = await Run(catalog, "fetch", "yolox-nano");

        Assert.Equal(0, code);
        Assert.Contains($"yolox-nano: {Path.Combine(cache.Path, "models", "yolox_nano.onnx")} (from {TestAssets.Model}", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_prints_one_json_line_with_each_provider_and_the_ceiling()
    {
        var (code, output, _) = await Run(null, "bench", "--providers", "cuda,cpu", "--frames", "5", "--ceiling-seconds", "0.2", "--pool-seconds", "0.3");

        Assert.Equal(0, code);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = JsonDocument.Parse(line);
        var providers = json.RootElement.GetProperty("providers");
        Assert.Equal("cpu", providers[1].GetProperty("provider").GetString());
        Assert.True(providers[1].GetProperty("p50_ms").GetDouble() > 0);
        if (!File.Exists("/dev/nvidiactl"))
        {
            Assert.False(providers[0].GetProperty("available").GetBoolean());
            Assert.Contains("libcublasLt.so.13", providers[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        }

        Assert.True(json.RootElement.GetProperty("ceiling").GetProperty("best_per_s").GetDouble() > 0);
        var pool = json.RootElement.GetProperty("pool");
        Assert.Equal(Environment.ProcessorCount, pool.GetProperty("workers").GetInt32());
        Assert.True(pool.GetProperty("per_s").GetDouble() > 0);
    }

    [Fact]
    public async Task Bench_reports_the_batch_and_ms_per_frame_of_each_row()
    {
        var (code, output, _) = await Run(null, "bench", "--providers", "cpu", "--frames", "3", "--batch", "1", "--ceiling-seconds", "0", "--pool-seconds", "0");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output.Trim());
        var row = Assert.Single(json.RootElement.GetProperty("providers").EnumerateArray());
        Assert.Equal(1, row.GetProperty("batch").GetInt32());
        Assert.Equal(row.GetProperty("mean_ms").GetDouble(), row.GetProperty("ms_per_frame").GetDouble());
    }

    [Fact]
    public async Task Bench_with_a_batch_on_the_fixed_batch_model_fails_naming_the_model_and_the_fix()
    {
        var (code, _, error) = await Run(null, "bench", "--providers", "cpu", "--batch", "1,8", "--ceiling-seconds", "0", "--pool-seconds", "0");

        Assert.NotEqual(0, code);
        Assert.Contains("model 'yolox-nano' has a fixed batch of 1", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("8,x")]
    [InlineData("65")]
    public void A_bad_batch_list_names_the_option_and_the_range(string given)
    {
        var e = Assert.Throws<ArgumentException>(() => ModelCommand.BatchSizes([given]));

        Assert.Contains("--batch", e.Message, StringComparison.Ordinal);
        Assert.Contains("1 to 64", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_lists_split_on_commas_and_spaces_and_default_to_1()
    {
        Assert.Equal([1, 8, 32], ModelCommand.BatchSizes(["1,8", "32"]));
        Assert.Equal([1], ModelCommand.BatchSizes(null));
    }

    private static async Task<(int Code, string Output, string Error)> Run(ModelCatalog? catalog, params string[] args)
    {
        var command = ModelCommand.Create(
            _ => new DetectorOptions { ModelPath = null },
            catalog: catalog is null ? null : () => catalog);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await command.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }
}
