using System.CommandLine;
using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using Watchpost.Configuration;
using Watchpost.Events;

namespace Watchpost.Cli;

/// <summary>
/// <c>watchpost events list|show|export</c>: the installer's view of the event log, on the same database as the
/// running service (the store's file lock lets both use it), found through the site file's storage.path.
/// </summary>
public static partial class EventsCommand
{
    private const int DefaultListLimit = 50;

    public static Command Create()
    {
        var command = new Command("events", "List, show and export the events in the event log (while the service runs, too)");
        command.Add(List());
        command.Add(Show());
        command.Add(Export());
        return command;
    }

    private static Option<string> ConfigOption()
    {
        var config = CommonOptions.Config();
        config.Description += "; its storage.path holds the database";
        return config;
    }

    private static Option<bool> JsonOption()
    {
        var json = CommonOptions.Json();
        json.Description = "One JSON object per line per event (snake_case keys, UTC ISO-8601 times)";
        return json;
    }

    private static Command List()
    {
        var filters = new Filters();
        var config = ConfigOption();
        var json = JsonOption();
        var command = new Command("list", "The newest events first, as a table or (--json) as JSON lines") { config, json };
        filters.AddTo(command);
        command.SetAction(async (parse, ct) => await Run(parse, async output =>
        {
            var query = filters.Query(parse, DefaultListLimit);
            using var store = OpenStore(parse.GetRequiredValue(config), parse);
            var events = await store.QueryAsync(query, ct);
            if (parse.GetValue(json))
            {
                foreach (var e in events)
                {
                    await output.WriteLineAsync(EventJson.Line(e));
                }

                return ExitCodes.Ok;
            }

            await output.WriteLineAsync(Row("STARTED (UTC)", "ID", "TYPE", "RULE", "CAMERA", "SEVERITY", "STATE", "ENDED (UTC)"));
            foreach (var e in events)
            {
                await output.WriteLineAsync(Row(Human(e.StartedAt), e.Id, e.Type, e.RuleId, e.CameraId, e.Severity, e.State.ToString().ToLowerInvariant(),
                    e.EndedAt is { } ended ? Human(ended) : "-"));
            }

            var total = await store.CountAsync(query with { Skip = 0 }, ct);
            await output.WriteLineAsync($"{events.Count} of {total} matching events");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<string>("id") { Description = "The event's id" };
        var config = ConfigOption();
        var json = JsonOption();
        var command = new Command("show", "One event with its workflow (acknowledged, assigned, resolved, notes) and audit trail") { id, config, json };
        command.SetAction(async (parse, ct) => await Run(parse, async output =>
        {
            using var store = OpenStore(parse.GetRequiredValue(config), parse);
            var eventId = parse.GetRequiredValue(id);
            var e = await store.GetAsync(eventId, ct) ?? throw new EventNotFoundException(eventId);
            var audit = await store.ListAsync(1000, eventId, ct);
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(EventJson.Line(e, audit));
                return ExitCodes.Ok;
            }

            await output.WriteLineAsync($"event     {e.Id}");
            await output.WriteLineAsync($"type      {e.Type} (rule {e.RuleId}, severity {e.Severity})");
            await output.WriteLineAsync($"camera    {e.CameraId}{(e.ZoneId is null ? string.Empty : $", zone {e.ZoneId}")}");
            await output.WriteLineAsync($"object    {e.ClassName}{(e.TrackId is { } t ? $" #{t}" : " (group)")} score {e.Score.ToString("0.00", CultureInfo.InvariantCulture)}");
            await output.WriteLineAsync($"started   {EventJson.Time(e.StartedAt)}");
            await output.WriteLineAsync($"ended     {(e.EndedAt is { } ended ? EventJson.Time(ended) : "still open")}");
            await output.WriteLineAsync($"state     {e.State.ToString().ToLowerInvariant()}");
            await output.WriteLineAsync($"acked     {Who(e.AcknowledgedBy, e.AcknowledgedAt)}");
            await output.WriteLineAsync($"assigned  {Who(e.AssignedTo, e.AssignedAt)}");
            await output.WriteLineAsync($"resolved  {Who(e.ResolvedBy, e.ResolvedAt)}");
            await output.WriteLineAsync($"snapshot  {(e.SnapshotId is null ? "none" : e.SnapshotId)}");
            foreach (var (key, value) in e.Details)
            {
                await output.WriteLineAsync($"  {key} = {Convert.ToString(value, CultureInfo.InvariantCulture)}");
            }

            await output.WriteLineAsync($"notes ({e.Notes.Count})");
            foreach (var n in e.Notes)
            {
                await output.WriteLineAsync($"  {EventJson.Time(n.At)} {n.Operator}: {n.Text}");
            }

            await output.WriteLineAsync($"audit ({audit.Count})");
            foreach (var a in audit.Reverse())
            {
                await output.WriteLineAsync($"  {EventJson.Time(a.At)} {a.Operator} ({a.Source.ToString().ToLowerInvariant()}) {a.Action}{(a.Detail is null ? string.Empty : $": {a.Detail}")}");
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Export()
    {
        var filters = new Filters();
        var config = ConfigOption();
        var outPath = new Option<string>("--out", "-o") { Description = "A folder, or a file ending in .zip", Required = true };
        var command = new Command("export", "Write the matching events (events.jsonl) with their snapshots (snapshots/<id>.jpg) to a folder or a zip") { config, outPath };
        filters.AddTo(command);
        command.SetAction(async (parse, ct) => await Run(parse, async output =>
        {
            var query = filters.Query(parse, EventQuery.MaxLimit);
            var target = Path.GetFullPath(parse.GetRequiredValue(outPath));
            using var store = OpenStore(parse.GetRequiredValue(config), parse);
            var events = await store.QueryAsync(query, ct);
            var zip = target.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);
            var snapshots = 0;
            if (zip)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await using var file = new FileStream(target, FileMode.Create, FileAccess.Write);
                await using var archive = new ZipArchive(file, ZipArchiveMode.Create);
                snapshots = await WriteExport(store, events,
                    name => archive.CreateEntry(name, CompressionLevel.Optimal).Open(), ct);
            }
            else
            {
                Directory.CreateDirectory(Path.Combine(target, "snapshots"));
                snapshots = await WriteExport(store, events, name => new FileStream(Path.Combine(target, name), FileMode.Create, FileAccess.Write), ct);
            }

            await output.WriteLineAsync($"exported {events.Count} events and {snapshots} snapshots to {target}");
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static async Task<int> WriteExport(LiteDbEventStore store, IReadOnlyList<SecurityEvent> events, Func<string, Stream> create, CancellationToken ct)
    {
        var snapshots = 0;
        var lines = new List<string>(events.Count);
        foreach (var e in events.Reverse())   // oldest first in the file, like a log
        {
            string? snapshotFile = null;
            await using (var snapshot = await store.OpenSnapshotAsync(e.Id, ct))
            {
                if (snapshot is not null)
                {
                    snapshotFile = $"snapshots/{e.Id}.jpg";
                    await using var entry = create(snapshotFile);
                    await snapshot.CopyToAsync(entry, ct);
                    snapshots++;
                }
            }

            lines.Add(EventJson.Line(e, audit: null, snapshotFile));
        }

        await using (var jsonl = create("events.jsonl"))
        await using (var writer = new StreamWriter(jsonl))
        {
            foreach (var line in lines)
            {
                await writer.WriteLineAsync(line.AsMemory(), ct);
            }
        }

        return snapshots;
    }

    /// <summary>The site file's database; the CLI does not create one where there is none.</summary>
    private static LiteDbEventStore OpenStore(string configPath, ParseResult parse)
    {
        var options = WatchpostOptionsLoader.Load(configPath);
        var path = Path.Combine(Path.GetFullPath(options.Storage.Path), LiteDbEventStore.DatabaseFileName);
        if (!File.Exists(path))
        {
            throw new UsageException("--config", $"no event database at {path} (storage.path of {Path.GetFullPath(configPath)}); has the service run yet?");
        }

        var store = new LiteDbEventStore(path);
        if (store.DatabaseMessage is not null)
        {
            parse.InvocationConfiguration.Error.WriteLine($"watchpost events: {store.DatabaseMessage}");
        }

        return store;
    }

    /// <summary>Bad input ends with a message naming the option and exit code 2, both in-process and from the shell.</summary>
    private static async Task<int> Run(ParseResult parse, Func<TextWriter, Task<int>> action)
    {
        try
        {
            return await action(parse.InvocationConfiguration.Output);
        }
        catch (Exception e) when (e is UsageException or InvalidConfigurationException or EventNotFoundException)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync($"watchpost events: {e.Message}");
            return ExitCodes.BadInput;
        }
    }

    private static string Row(params string[] cells)
    {
        int[] widths = [20, 32, 14, 18, 12, 8, 12, 20];
        return string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd();
    }

    private static string Human(DateTime t) => EventDocuments.Utc(t).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Who(string? who, DateTime? at) => who is null ? "-" : $"{who} at {(at is { } t ? EventJson.Time(t) : "?")}";

    /// <summary>A time as ISO-8601 (UTC unless it says otherwise) or relative to now: 90s, 30m, 24h, 7d, 2w.</summary>
    internal static DateTime ParseTime(string option, string text, DateTimeOffset now)
    {
        var relative = RelativeTime().Match(text.Trim());
        if (relative.Success)
        {
            var n = double.Parse(relative.Groups[1].Value, CultureInfo.InvariantCulture);
            var span = relative.Groups[2].Value switch
            {
                "s" => TimeSpan.FromSeconds(n),
                "m" => TimeSpan.FromMinutes(n),
                "h" => TimeSpan.FromHours(n),
                "d" => TimeSpan.FromDays(n),
                _ => TimeSpan.FromDays(7 * n),
            };
            return (now - span).UtcDateTime;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var absolute))
        {
            return absolute.UtcDateTime;
        }

        throw new UsageException(option, $"'{text}' is not a time; expected ISO-8601 (2026-11-30T22:00:00Z) or a time ago such as 90s, 30m, 24h, 7d, 2w");
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)([smhdw])$")]
    private static partial Regex RelativeTime();

    /// <summary>The filters list and export share.</summary>
    private sealed class Filters
    {
        private readonly Option<string?> _since = new("--since") { Description = "Events that started at or after T (ISO-8601, or a time ago: 24h, 7d)" };
        private readonly Option<string?> _until = new("--until") { Description = "Events that started before T" };
        private readonly Option<string?> _camera = new("--camera") { Description = "Only this camera's events" };
        private readonly Option<string?> _rule = new("--rule") { Description = "Only this rule's events" };
        private readonly Option<string?> _severity = new("--severity") { Description = "Only events of this severity" };
        private readonly Option<string?> _state = new("--state") { Description = "new, acknowledged or resolved" };
        private readonly Option<string?> _limit = new("--limit") { Description = "At most N events (newest first)" };

        public void AddTo(Command command)
        {
            foreach (var option in new[] { _since, _until, _camera, _rule, _severity, _state, _limit })
            {
                command.Add(option);
            }
        }

        public EventQuery Query(ParseResult parse, int defaultLimit)
        {
            var now = DateTimeOffset.UtcNow;
            var since = parse.GetValue(_since) is { } s ? ParseTime("--since", s, now) : (DateTime?)null;
            var until = parse.GetValue(_until) is { } u ? ParseTime("--until", u, now) : (DateTime?)null;
            if (since is { } a && until is { } b && b < a)
            {
                throw new UsageException("--until", $"{EventJson.Time(b)} is before --since {EventJson.Time(a)}");
            }

            var limit = defaultLimit;
            if (parse.GetValue(_limit) is { } l && (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > EventQuery.MaxLimit))
            {
                throw new UsageException("--limit", $"'{l}' is not a number of events; expected 1 to {EventQuery.MaxLimit}");
            }

            EventState? state = null;
            if (parse.GetValue(_state) is { } st)
            {
                state = Enum.GetValues<EventState>().FirstOrDefault(v => string.Equals(v.ToString(), st.Trim(), StringComparison.OrdinalIgnoreCase), (EventState)(-1));
                if (state == (EventState)(-1))
                {
                    throw new UsageException("--state", $"unknown state '{st}'; expected new, acknowledged or resolved");
                }
            }

            return new EventQuery(since, until, parse.GetValue(_camera), parse.GetValue(_rule), parse.GetValue(_severity), state, limit);
        }
    }

    /// <summary>Input the command cannot use; the message names the option.</summary>
    private sealed class UsageException(string option, string message) : Exception($"{option}: {message}");
}
