using System.Text.Json;
using Watchpost.Tests.Gpio;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Cli;

/// <summary>`watchpost user ...` and `watchpost gpio ...` as the real executable (this machine has no GPIO chip).</summary>
public sealed class UserGpioVerbTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task User_add_passwd_list_and_remove_and_bad_input_exits_2()
    {
        var site = _folder.File("site.json");
        await File.WriteAllTextAsync(site, $$"""{ "site": { "deviceId": "user-box" }, "storage": { "path": {{JsonSerializer.Serialize(_folder.File("data"))}} } }""");

        var add = await WatchpostProcess.RunAsync("user", "add", "chief", "--role", "admin", "--config", site);
        Assert.True(add.ExitCode == 0, add.ToString());
        Assert.Contains("Password: ", add.Stdout, StringComparison.Ordinal);
        var stdin = await WatchpostProcess.RunAsync(["user", "add", "guard", "--role", "viewer", "--password-stdin", "--config", site], stdin: "guard-Pw-5512\n");
        Assert.True(stdin.ExitCode == 0, stdin.ToString());
        Assert.DoesNotContain("guard-Pw-5512", stdin.Stdout + stdin.Stderr, StringComparison.Ordinal);
        var passwd = await WatchpostProcess.RunAsync(["user", "passwd", "guard", "--password-stdin", "--config", site], stdin: "guard-Pw-6623\n");
        Assert.True(passwd.ExitCode == 0, passwd.ToString());

        var list = await WatchpostProcess.RunAsync("user", "list", "--json", "--config", site);
        Assert.True(list.ExitCode == 0, list.ToString());
        using (var json = JsonDocument.Parse(list.Stdout))
        {
            Assert.Equal(["chief:admin", "guard:viewer"], json.RootElement.EnumerateArray().Select(u => $"{u.GetProperty("name").GetString()}:{u.GetProperty("role").GetString()}"));
        }

        var remove = await WatchpostProcess.RunAsync("user", "remove", "guard", "--config", site);
        Assert.True(remove.ExitCode == 0, remove.ToString());
        var again = await WatchpostProcess.RunAsync("user", "remove", "guard", "--config", site);
        Assert.True(again.ExitCode == 2, again.ToString());
        Assert.Contains("guard", again.Stderr, StringComparison.Ordinal);
        var role = await WatchpostProcess.RunAsync("user", "add", "x", "--role", "boss", "--config", site);
        Assert.True(role.ExitCode == 2, role.ToString());
        Assert.Contains("--role", role.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gpio_list_says_GPIO_is_off_without_a_chip_and_test_exits_1_or_2()
    {
        var site = _folder.File("site.json");
        await File.WriteAllTextAsync(site, GpioSite.Json());

        var list = await WatchpostProcess.RunAsync("gpio", "list", "--config", site);
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains("siren", list.Stdout, StringComparison.Ordinal);
        var json = await WatchpostProcess.RunAsync("gpio", "list", "--config", site, "--json");
        Assert.True(json.ExitCode == 0, json.ToString());
        using (var document = JsonDocument.Parse(json.Stdout))
        {
            Assert.Contains(document.RootElement.GetProperty("pins").EnumerateArray(), p => p.GetProperty("name").GetString() == "siren");
        }

        if (!File.Exists("/dev/gpiochip0"))
        {
            var off = await WatchpostProcess.RunAsync("gpio", "test", "siren", "--config", site);
            Assert.True(off.ExitCode == 1, off.ToString());
            Assert.Contains("GPIO is off", off.Stderr, StringComparison.Ordinal);
        }

        var unknown = await WatchpostProcess.RunAsync("gpio", "test", "no-such-relay", "--config", site);
        Assert.True(unknown.ExitCode == 2, unknown.ToString());
        Assert.Contains("no input or relay named 'no-such-relay'", unknown.Stderr, StringComparison.Ordinal);
    }
}
