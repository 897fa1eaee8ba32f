using Watchpost.Cli;

using Watchpost.Tests.Support;

namespace Watchpost.Tests.Cli;

/// <summary>Bad input to the executable ends with its message and a non-zero exit code (2: unusable input), not a crash or a hang.</summary>
public sealed class WatchpostCliTests
{
    [Fact]
    public async Task Bad_site_files_a_bad_model_and_a_missing_video_end_with_an_error_exit_code()
    {
        using var folder = new TempFolder();
        var unknownKey = Path.Combine(folder.Path, "site.json");
        await File.WriteAllTextAsync(unknownKey, """{ "site": { "deviceId": "x" }, "camras": [] }""");
        var notAModel = Path.Combine(folder.Path, "model.onnx");
        await File.WriteAllTextAsync(notAModel, "not a model");

        Assert.Equal(2, await WatchpostCli.InvokeAsync(["run", "--config", unknownKey]));
        Assert.Equal(2, await WatchpostCli.InvokeAsync(["run", "--config", Path.Combine(folder.Path, "absent.json")]));
        Assert.Equal(1, await WatchpostCli.InvokeAsync(["model", "verify", "--path", notAModel])); // a check that found a bad file
        Assert.Equal(2, await WatchpostCli.InvokeAsync(["eval", "mot", "--video", notAModel + ".avi", "--gt", notAModel]));
    }
}
