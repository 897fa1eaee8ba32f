using System.CommandLine;
using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using Watchpost.Cli;
using Watchpost.Events;
using Watchpost.Tests.Support;
using Xunit.Abstractions;

namespace Watchpost.Tests.Events;

/// <summary>`watchpost events list|show|export`, in-process through the CLI and as a second process while this one writes.</summary>
public sealed class EventsCommandTests(ITestOutputHelper output) : IDisposable
{
    private static readonly DateTime T0 = DateTime.UtcNow.AddHours(-10) is var t ? new DateTime(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc) : default;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Site(string? root = null)
    {
        root ??= _folder.Path;
        var path = Path.Combine(root, "site.json");
        File.WriteAllText(path, $$"""
            {
              "site": { "deviceId": "gate-north-01" },
              "cameras": [ { "id": "gate-1", "url": "rtsp://10.0.0.21:554/stream2", "detectFps": 5 } ],
              "zones": [ { "id": "lobby", "camera": "gate-1", "polygon": [[0,0],[100,0],[100,100]] } ],
              "rules": [ { "id": "night", "type": "intrusion", "zone": "lobby", "durationSeconds": 2 } ],
              "mqtt": { "broker": "mqtt://10.0.0.5:1883" },
              "storage": { "path": {{JsonSerializer.Serialize(Path.Combine(root, "data"))}} }
            }
            """);
        return path;
    }

    private LiteDbEventStore Store(string? root = null) => new(Path.Combine(root ?? _folder.Path, "data", LiteDbEventStore.DatabaseFileName));

    private static async Task<(int Code, string Out, string Error)> Cli(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await WatchpostCli.Create().Parse(args).InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static async Task Seed(LiteDbEventStore store)
    {
        var jpeg = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 0xFF, 0xD9 };
        for (var i = 0; i < 6; i++)
        {
            var e = EventTestData.Event($"ev-{i}", T0.AddHours(i), camera: i % 2 == 0 ? "gate-1" : "gate-2", snapshotId: i < 3 ? $"snapshots/ev-{i}.jpg" : null)
                with { EndedAt = i == 0 ? T0.AddMinutes(1) : null, RuleId = i == 4 ? "loiter" : "night-intrusion" };
            await store.AddAsync(e, i < 3 ? jpeg : null, null);
        }

        var operations = new EventOperations(store, new OperationsTestComposer(), new EventFeed());
        await operations.ApplyAsync(new EventAction(EventChangeKind.Acknowledged, "ev-1", "anna", ChangeSource.Console, "checking"));
        await operations.ApplyAsync(new EventAction(EventChangeKind.Resolved, "ev-1", "anna", ChangeSource.Console, "a fox"));
    }

    [Fact]
    public async Task List_filters_and_prints_json_lines_or_a_table()
    {
        var site = Site();
        using (var store = Store())
        {
            await Seed(store);
        }

        var (code, json, error) = await Cli("events", "list", "--config", site, "--json");
        Assert.True(code == 0, error);
        var lines = json.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["ev-5", "ev-4", "ev-3", "ev-2", "ev-1", "ev-0"], lines.Select(l => l.GetProperty("id").GetString()));
        var first = lines[^1];
        Assert.Equal("intrusion", first.GetProperty("type").GetString());
        Assert.Equal("night-intrusion", first.GetProperty("rule").GetString());
        Assert.Equal("gate-1", first.GetProperty("camera").GetString());
        Assert.Equal(T0.ToString("yyyy-MM-dd'T'HH:mm:ss'.000Z'"), first.GetProperty("started_at").GetString());
        Assert.Equal(T0.AddMinutes(1), first.GetProperty("ended_at").GetDateTime().ToUniversalTime());
        Assert.Equal(JsonValueKind.Null, lines[0].GetProperty("ended_at").ValueKind);
        Assert.Equal("resolved", lines[4].GetProperty("state").GetString());
        Assert.Equal("new", first.GetProperty("state").GetString());

        Assert.Equal(["ev-4", "ev-2"], Ids((await Cli("events", "list", "-c", site, "--json", "--camera", "gate-1", "--since", T0.AddHours(1).ToString("O"), "--until", T0.AddHours(5).ToString("O"))).Out));
        Assert.Equal(["ev-4"], Ids((await Cli("events", "list", "-c", site, "--json", "--rule", "loiter")).Out));
        Assert.Equal(["ev-1"], Ids((await Cli("events", "list", "-c", site, "--json", "--state", "Resolved")).Out));
        Assert.Equal(["ev-5", "ev-4"], Ids((await Cli("events", "list", "-c", site, "--json", "--limit", "2")).Out));
        Assert.Equal(["ev-5", "ev-4", "ev-3"], Ids((await Cli("events", "list", "-c", site, "--json", "--since", "8h")).Out));
        Assert.Empty(Ids((await Cli("events", "list", "-c", site, "--json", "--since", "1d", "--until", "11h")).Out));

        var (tableCode, table, _) = await Cli("events", "list", "-c", site, "--state", "new", "--limit", "3");
        Assert.Equal(0, tableCode);
        var rows = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("STARTED (UTC)", rows[0], StringComparison.Ordinal);
        Assert.Contains("ev-5", rows[1], StringComparison.Ordinal);
        Assert.Contains("3 of 5 matching events", rows[^1], StringComparison.Ordinal);
        output.WriteLine(table);
    }

    [Fact]
    public async Task Show_prints_the_workflow_and_the_audit_trail()
    {
        var site = Site();
        using (var store = Store())
        {
            await Seed(store);
        }

        var (code, text, error) = await Cli("events", "show", "ev-1", "--config", site);
        Assert.True(code == 0, error);
        output.WriteLine(text);
        Assert.Contains("state     resolved", text, StringComparison.Ordinal);
        Assert.Contains("acked     anna at ", text, StringComparison.Ordinal);
        Assert.Contains("anna: a fox", text, StringComparison.Ordinal);
        Assert.Contains("anna (console) ack: checking", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf(" ack: ", StringComparison.Ordinal) < text.IndexOf(" resolve: ", StringComparison.Ordinal), "audit oldest first");

        var json = JsonDocument.Parse((await Cli("events", "show", "ev-1", "--config", site, "--json")).Out).RootElement;
        Assert.Equal(["resolve", "ack"], json.GetProperty("audit").EnumerateArray().Select(a => a.GetProperty("action").GetString()));
        Assert.Equal("anna", json.GetProperty("resolved_by").GetString());
        Assert.Equal(2, json.GetProperty("notes").GetArrayLength());

        var (missing, _, why) = await Cli("events", "show", "nope", "--config", site);
        Assert.Equal(2, missing);
        Assert.Contains("no event with id 'nope'", why, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_writes_events_jsonl_and_snapshots_to_a_folder_and_a_zip()
    {
        var site = Site();
        using (var store = Store())
        {
            await Seed(store);
        }

        var folder = _folder.File("export");
        var (code, _, error) = await Cli("events", "export", "--config", site, "--out", folder);
        Assert.True(code == 0, error);
        var lines = await File.ReadAllLinesAsync(Path.Combine(folder, "events.jsonl"));
        Assert.Equal(["ev-0", "ev-1", "ev-2", "ev-3", "ev-4", "ev-5"], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()));
        Assert.Equal(["ev-0.jpg", "ev-1.jpg", "ev-2.jpg"], Directory.GetFiles(Path.Combine(folder, "snapshots")).Select(Path.GetFileName).Order());
        Assert.Equal(0xFF, (await File.ReadAllBytesAsync(Path.Combine(folder, "snapshots", "ev-2.jpg")))[0]);
        Assert.Equal("snapshots/ev-0.jpg", JsonDocument.Parse(lines[0]).RootElement.GetProperty("snapshot_file").GetString());

        var zip = _folder.File("export.zip");
        Assert.Equal(0, (await Cli("events", "export", "--config", site, "--out", zip, "--camera", "gate-1")).Code);
        using var archive = ZipFile.OpenRead(zip);
        Assert.Equal(["events.jsonl", "snapshots/ev-0.jpg", "snapshots/ev-2.jpg"], archive.Entries.Select(e => e.FullName).Order());
    }

    [Fact]
    public async Task Bad_input_ends_with_exit_code_2_and_names_the_option()
    {
        var site = Site();
        Assert.Equal(2, await WatchpostCli.InvokeAsync(["events", "list", "--config", site]));   // no database yet
        using (var store = Store())
        {
            await Seed(store);
        }

        Assert.Equal(2, await WatchpostCli.InvokeAsync(["events", "list", "--config", site, "--since", "yesterday"]));
        Assert.Contains("--since: 'yesterday' is not a time", (await Cli("events", "list", "--config", site, "--since", "yesterday")).Error, StringComparison.Ordinal);
        Assert.Contains("--until: ", (await Cli("events", "list", "--config", site, "--until", "5x")).Error, StringComparison.Ordinal);
        var state = await Cli("events", "list", "--config", site, "--state", "closed");
        Assert.Equal(2, state.Code);
        Assert.Contains("--state: unknown state 'closed'; expected new, acknowledged or resolved", state.Error, StringComparison.Ordinal);
        Assert.Contains("--state", (await Cli("events", "list", "--config", site, "--state", "1")).Error, StringComparison.Ordinal);
        Assert.Contains("--limit", (await Cli("events", "list", "--config", site, "--limit", "0")).Error, StringComparison.Ordinal);
        Assert.Contains("--until", (await Cli("events", "list", "--config", site, "--since", "1h", "--until", "2h")).Error, StringComparison.Ordinal);
        Assert.Equal(2, await WatchpostCli.InvokeAsync(["events", "list", "--config", _folder.File("absent.json")]));
    }

    [Fact]
    public Task A_second_process_lists_events_while_this_one_writes() => WhileWriting(privateTmp: false);

    [PrivateTmpFact]
    public Task A_second_process_with_its_own_tmp_lists_events_while_this_one_writes() => WhileWriting(privateTmp: true);

    /// <summary>
    /// This process writes events with snapshots as fast as it can while `dotnet watchpost.dll events list` runs as
    /// a child (with privateTmp: in its own mount namespace with an empty tmpfs on /tmp, as under systemd's
    /// PrivateTmp, where LiteDB's shared-mode mutex would not be seen). Every child run must succeed and see a
    /// consistent, growing log; afterwards every write is there. Each child is a fresh `dotnet` start (1-2 s on an
    /// idle machine, up to 15 s on the loaded 2-core build box), so these two tests take longer than most.
    /// </summary>
    private async Task WhileWriting(bool privateTmp)
    {
        // Under a private /tmp the data must live elsewhere (as /var/lib/watchpost does): next to the test assembly.
        var root = privateTmp ? Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, $"private-tmp-test-{Guid.NewGuid():N}")).FullName : _folder.Path;
        try
        {
            await WhileWriting(privateTmp, root);
        }
        finally
        {
            if (privateTmp)
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private async Task WhileWriting(bool privateTmp, string root)
    {
        var site = Site(root);
        using var store = Store(root);
        await Seed(store);
        using var stop = new CancellationTokenSource();
        var written = 0;
        var jpeg = new byte[60_000];
        new Random(4).NextBytes(jpeg);
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var e = EventTestData.Event($"w-{written:0000}", T0.AddHours(8).AddSeconds(written), snapshotId: $"snapshots/w-{written:0000}.jpg");
                await store.AddAsync(e, jpeg, EventTestData.Alerts().Create(e));
                Interlocked.Increment(ref written);
            }
        });

        var seen = new List<int>();
        try
        {
            for (var run = 0; run < 2; run++)
            {
                var (code, stdout, stderr) = await Child(privateTmp, "events", "list", "--config", site, "--json", "--limit", "100000");
                Assert.True(code == 0, $"child exit {code}: {stderr}");
                var ids = Ids(stdout);
                Assert.Equal(ids.Count, ids.Distinct().Count());
                Assert.Contains("ev-0", ids);
                seen.Add(ids.Count);
                Assert.True(Volatile.Read(ref written) > 0 || run == 0, "the writer made no progress while the child ran");
            }
        }
        finally
        {
            await stop.CancelAsync();
            await writer;
        }

        output.WriteLine($"writes {written}, child saw {string.Join(", ", seen)} events");
        Assert.True(seen[^1] > 6, $"the child saw no new events: {string.Join(", ", seen)}");
        Assert.True(seen.SequenceEqual(seen.Order()), "the log shrank between child runs");
        Assert.Equal(6 + written, await store.CountAsync(new EventQuery()));
        Assert.Equal(written + 2, (await store.CountAsync()).Pending);
    }

    private static async Task<(int Code, string Out, string Error)> Child(bool privateTmp, params string[] args)
    {
        var dll = typeof(WatchpostCli).Assembly.Location;
        List<string> command = privateTmp
            ? ["--mount", "sh", "-c", PrivateTmpFactAttribute.Wrapper, "sh", "dotnet", dll, .. args]
            : [dll, .. args];
        var start = new ProcessStartInfo(privateTmp ? "unshare" : "dotnet", command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static List<string> Ids(string jsonLines) =>
        [.. jsonLines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()!)];
}
