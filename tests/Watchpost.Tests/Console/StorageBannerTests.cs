using System.Net.Http.Json;
using System.Text.Json;
using Watchpost.Configuration;
using Watchpost.Events;
using Watchpost.Hosting;
using Watchpost.Tests.Support;
using Watchpost.WebConsole.Auth;

namespace Watchpost.Tests.Console;

/// <summary>A damaged event database is moved aside at start, and the console says so in /api/status, whose problems the page shows as banners.</summary>
public sealed class StorageBannerTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_damaged_database_is_replaced_and_the_console_shows_a_banner()
    {
        var data = _folder.File("data");
        Directory.CreateDirectory(data);
        await File.WriteAllBytesAsync(Path.Combine(data, LiteDbEventStore.DatabaseFileName), [.. Enumerable.Range(0, 64 * 1024).Select(i => (byte)(i * 31))]);
        var consoleUrl = $"http://127.0.0.1:{FreePort.Tcp()}";
        var sitePath = _folder.File("watchpost.json");
        await File.WriteAllTextAsync(sitePath, $$"""
            {
              "site": { "deviceId": "banner-box" },
              "mqtt": { "embeddedPort": 0 },
              "storage": { "path": {{JsonSerializer.Serialize(data)}} },
              "console": { "listen": "{{consoleUrl}}" }
            }
            """);

        new ConsoleUserStore(data).Add("guard", ConsoleRole.Viewer, "banner-password-1");
        await using var app = ApplianceHost.Build(WatchpostOptionsLoader.Load(sitePath));
        await app.StartAsync();
        try
        {
            using var http = await ConsoleLogin.LoggedInAsync(consoleUrl, "guard", "banner-password-1");
            // The page draws its banners from /api/status: the state and, in words, what is wrong.
            var page = await http.GetStringAsync(new Uri("/", UriKind.Relative));
            Assert.Contains("data-page=\"alerts\"", page, StringComparison.Ordinal);
            var status = await http.GetFromJsonAsync<JsonElement>(new Uri("/api/status", UriKind.Relative));
            Assert.Equal("recovered", status.GetProperty("database").GetString());
            var problem = Assert.Single(status.GetProperty("problems").EnumerateArray());
            Assert.StartsWith("Event database recovered", problem.GetString(), StringComparison.Ordinal);
            Assert.Contains(Directory.GetFiles(data), f => Path.GetFileName(f).StartsWith("watchpost.db.damaged-", StringComparison.Ordinal));
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public void A_healthy_log_has_no_banner_and_a_full_disk_has_one()
    {
        Assert.Empty(WebConsole.ConsoleEndpoints.StorageProblems(new StorageStatus("ok", null, false, 1L << 30, 0, 0, 0)));
        var full = Assert.Single(WebConsole.ConsoleEndpoints.StorageProblems(new StorageStatus("ok", null, true, 512 * 1024, 12, 3, 4)));
        Assert.Contains("12 snapshot(s) dropped", full, StringComparison.Ordinal);
    }
}
