using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Watchpost.Behaviours;
using Watchpost.Configuration;

namespace Watchpost.Hosting;

/// <summary>
/// Edits the site file in place, as the console's site editor (and the installer's command line) do: reads it as
/// JSON as the loader does (comments and trailing commas allowed, keys in any case), changes only what the edit
/// names, writes the candidate next to the file and validates it with <see cref="WatchpostOptionsLoader.Load"/>
/// (exactly what `watchpost run` checks at start-up), then renames it over the file, keeping the file's mode and
/// owner. A candidate that does not validate is deleted and the file is left byte for byte as it was. Edits of
/// one file are made one at a time. The file may hold secrets (MQTT passwords): nothing here logs its content.
/// Comments and the layout of the file are not kept (it is written back indented).
/// </summary>
public sealed class SiteFileEditor
{
    internal static readonly JsonDocumentOptions Reading = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    // The configuration binder matches keys in any case; so does the editor ("Zones" is the "zones" section).
    private static readonly JsonNodeOptions Nodes = new() { PropertyNameCaseInsensitive = true };
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Locks = new(StringComparer.Ordinal);

    public SiteFileEditor(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = System.IO.Path.GetFullPath(path);

        // A linked site file (/etc/watchpost/watchpost.json -> a file kept elsewhere) stays a link: its target is edited.
        Path = File.Exists(full) && File.ResolveLinkTarget(full, returnFinalTarget: true) is { } target ? target.FullName : full;
    }

    /// <summary>The file edited (the target when the path given was a link).</summary>
    public string Path { get; }

    /// <summary>The file's site, as `watchpost run` loads it.</summary>
    /// <exception cref="InvalidConfigurationException">The file does not load.</exception>
    public WatchpostOptions Load() => WatchpostOptionsLoader.Load(Path);

    /// <summary>The file as JSON.</summary>
    /// <exception cref="InvalidConfigurationException">The file is not a JSON object.</exception>
    public JsonObject Read() => Parse(File.ReadAllBytes(Path));

    /// <summary>What the editor shows of a camera: from the file, each rule's parameters as the file writes them.</summary>
    /// <returns>Null when the file has no such camera.</returns>
    /// <exception cref="InvalidConfigurationException">The file does not load.</exception>
    public CameraLayout? ReadCamera(string cameraId)
    {
        var bytes = File.ReadAllBytes(Path);
        var site = Load();
        var rules = Section(Parse(bytes), "rules");
        return CameraLayout.Of(site, cameraId, rule => Parameters(rules, rule));
    }

    /// <summary>
    /// Replaces <paramref name="cameraId"/>'s zones, lines and masks with those of <paramref name="edit"/> (the
    /// sections it gives; other cameras' entries keep their place) and the parameters of the rules it lists, then
    /// validates and writes the file; <paramref name="inForce"/> (e.g. the reload into the running pipeline) runs
    /// while the edit holds the file, and when it refuses with <see cref="InvalidConfigurationException"/> the old
    /// file is put back.
    /// </summary>
    /// <returns>The site as the new file loads.</returns>
    /// <exception cref="SiteEditException">The edit names an unknown camera or rule, or changes a rule's id, type or camera; nothing written.</exception>
    /// <exception cref="InvalidConfigurationException">The edited file does not validate (the message is the loader's); nothing written.</exception>
    public Task<WatchpostOptions> EditCameraAsync(string cameraId, CameraLayoutEdit edit, Func<CancellationToken, Task>? inForce, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edit);
        return EditAsync(
            root =>
            {
                var current = Load();
                if (!current.Cameras.Any(c => c.Id == cameraId))
                {
                    throw new SiteEditException($"camera '{cameraId}': no camera has this id in {Path}", unknownCamera: true);
                }

                if (edit.Zones is { } zones)
                {
                    Replace(root, "zones", cameraId, zones.Select(z => new JsonObject { ["id"] = z.Id, ["camera"] = cameraId, ["polygon"] = Points(z.Polygon) }));
                }

                if (edit.Lines is { } lines)
                {
                    Replace(root, "lines", cameraId, lines.Select(l => new JsonObject { ["id"] = l.Id, ["camera"] = cameraId, ["from"] = Point(l.From), ["to"] = Point(l.To) }));
                }

                if (edit.Masks is { } masks)
                {
                    Replace(root, "masks", cameraId, masks.Select(m => new JsonObject { ["id"] = m.Id, ["camera"] = cameraId, ["polygon"] = Points(m.Polygon) }));
                }

                foreach (var rule in edit.Rules ?? [])
                {
                    SetParameters(root, current, cameraId, rule);
                }
            },
            (site, ct) =>
            {
                // A rule's new zone or line could put it on another camera, which this camera's editor does not show.
                var moved = (edit.Rules ?? []).Select(r => site.Rules.First(s => s.Id == r.Id))
                    .Where(r => RuleCameras.Resolve(r, site) != cameraId).Select(r => $"rule '{r.Id}' would run on camera '{RuleCameras.Resolve(r, site)}'").ToList();
                return moved.Count > 0
                    ? throw new SiteEditException($"{string.Join("; ", moved)}, not on '{cameraId}': a rule edited here stays on its camera")
                    : Task.CompletedTask;
            },
            inForce,
            cancellationToken);
    }

    /// <summary>
    /// The general edit: <paramref name="change"/> changes the file's JSON; the result is written to a temporary
    /// file beside it, loaded as at start-up and checked by <paramref name="check"/>, then renamed over the file.
    /// </summary>
    /// <exception cref="InvalidConfigurationException">The changed file does not validate; nothing written.</exception>
    public async Task<WatchpostOptions> EditAsync(Action<JsonObject> change, Func<WatchpostOptions, CancellationToken, Task>? check, Func<CancellationToken, Task>? inForce, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var gate = Locks.GetOrAdd(Path, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var original = await File.ReadAllBytesAsync(Path, cancellationToken);
            var root = Parse(original);
            change(root);
            var candidate = await WriteCandidateAsync(SiteFileJson.Text(root), cancellationToken);
            WatchpostOptions site;
            try
            {
                site = Validated(candidate);
                if (check is not null)
                {
                    await check(site, cancellationToken);
                }
            }
            catch
            {
                File.Delete(candidate);
                throw;
            }

            File.Move(candidate, Path, overwrite: true);
            if (inForce is not null)
            {
                try
                {
                    await inForce(CancellationToken.None);   // written: put in force whole, even if the caller goes away
                }
                catch (InvalidConfigurationException)
                {
                    // The running pipeline refused it (e.g. a zone outside the camera's frame): the file goes back as it was.
                    File.Move(await WriteCandidateAsync(original, CancellationToken.None), Path, overwrite: true);
                    throw;
                }
            }

            return site;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Writes a new site file (one that is not there yet) through a temporary file, mode 0600 (a site file may hold secrets).</summary>
    public static async Task WriteNewAsync(string path, JsonObject site, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(site);
        var full = System.IO.Path.GetFullPath(path);
        var temporary = await WriteTemporaryAsync(full, SiteFileJson.Text(site), Storage.PrivateFile.OwnerOnly, cancellationToken);
        try
        {
            File.Move(temporary, full, overwrite: false);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>"zones[1] ('x').polygon: ..." out of the loader's "configuration FILE is invalid: ..." (the file named is the temporary one).</summary>
    internal static string Problem(InvalidConfigurationException e)
    {
        var prefix = $"configuration {e.ConfigurationSource} is invalid:{Environment.NewLine}  ";
        return e.Message.StartsWith(prefix, StringComparison.Ordinal) ? e.Message[prefix.Length..] : e.Message;
    }

    private WatchpostOptions Validated(string candidate)
    {
        try
        {
            return WatchpostOptionsLoader.Load(candidate);
        }
        catch (InvalidConfigurationException e)
        {
            throw new InvalidConfigurationException(Path, Problem(e));
        }
    }

    private async Task<string> WriteCandidateAsync(byte[] content, CancellationToken cancellationToken)
    {
        var mode = OperatingSystem.IsWindows() ? Storage.PrivateFile.OwnerOnly : File.GetUnixFileMode(Path);
        var temporary = await WriteTemporaryAsync(Path, content, mode, cancellationToken);
        try
        {
            FileOwnership.Copy(Path, temporary);
            return temporary;
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private static async Task<string> WriteTemporaryAsync(string path, byte[] content, UnixFileMode mode, CancellationToken cancellationToken)
    {
        // Not a dot file: the loader's file provider does not read those.
        var temporary = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path)!, $"{System.IO.Path.GetFileName(path)}.edit-{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = Storage.PrivateFile.OwnerOnly;   // no wider than the owner until the mode is set
        }

        try
        {
            await using (var stream = new FileStream(temporary, options))
            {
                await stream.WriteAsync(content, cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, mode);   // exactly the file's mode, whatever the umask
            }

            return temporary;
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private JsonObject Parse(byte[] content)
    {
        try
        {
            var json = content.AsSpan();
            json = json.StartsWith("\uFEFF"u8) ? json[3..] : json;   // a byte order mark, as an editor on Windows may write
            return JsonNode.Parse(json, Nodes, Reading) as JsonObject ?? throw new InvalidConfigurationException(Path, "the file is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new InvalidConfigurationException(Path, $"not valid JSON: {e.Message}");
        }
    }

    private JsonArray? Section(JsonObject root, string name) => root[name] switch
    {
        null => null,
        JsonArray array => array,
        _ => throw new InvalidConfigurationException(Path, $"{name}: expected a list"),
    };

    /// <summary>The camera's entries of a section replaced by <paramref name="entries"/>, where its first one was (else at the end).</summary>
    private void Replace(JsonObject root, string name, string cameraId, IEnumerable<JsonObject> entries)
    {
        var section = Section(root, name);
        if (section is null)
        {
            section = [];
            root[name] = section;
        }

        var at = -1;
        for (var i = section.Count - 1; i >= 0; i--)
        {
            if (Text(section[i], "camera") == cameraId)
            {
                section.RemoveAt(i);
                at = i;
            }
        }

        at = at < 0 ? section.Count : at;
        foreach (var entry in entries)
        {
            section.Insert(at++, entry);
        }
    }

    private void SetParameters(JsonObject root, WatchpostOptions current, string cameraId, LayoutRule edit)
    {
        var rule = current.Rules.FirstOrDefault(r => r.Id == edit.Id)
            ?? throw new SiteEditException($"rules: no rule has the id '{edit.Id}' (a rule can not be added here; write it in {Path})");
        if (RuleCameras.Resolve(rule, current) is var camera && camera != cameraId)
        {
            throw new SiteEditException($"rules: rule '{edit.Id}' runs on camera '{camera}', not '{cameraId}'");
        }

        if (edit.Type is { } type && type != rule.Type)
        {
            throw new SiteEditException($"rules: rule '{edit.Id}' is of type '{rule.Type}', not '{type}' (the type can not be changed here)");
        }

        foreach (var (key, value) in edit.Parameters)
        {
            if ((key.Equals("id", StringComparison.OrdinalIgnoreCase) && Text(value, null) != rule.Id) || (key.Equals("type", StringComparison.OrdinalIgnoreCase) && Text(value, null) != rule.Type))
            {
                throw new SiteEditException($"rules: rule '{edit.Id}'.parameters.{key}: the id and type of a rule can not be changed here");
            }
        }

        var rules = Section(root, "rules")!;
        var index = rules.Select((entry, i) => (entry, i)).First(e => Text(e.entry, "id") == rule.Id).i;
        var entry = (JsonObject)rules[index]!;
        var next = new JsonObject
        {
            [entry.First(p => p.Key.Equals("id", StringComparison.OrdinalIgnoreCase)).Key] = rule.Id,
            [entry.First(p => p.Key.Equals("type", StringComparison.OrdinalIgnoreCase)).Key] = entry["type"]!.DeepClone(),
        };
        foreach (var (key, value) in edit.Parameters.Where(p => !p.Key.Equals("id", StringComparison.OrdinalIgnoreCase) && !p.Key.Equals("type", StringComparison.OrdinalIgnoreCase)))
        {
            next[key] = value?.DeepClone();
        }

        rules[index] = next;
    }

    private static JsonObject Parameters(JsonArray? rules, RuleOptions rule)
    {
        var entry = rules?.OfType<JsonObject>().FirstOrDefault(e => Text(e, "id") == rule.Id);
        var parameters = new JsonObject();
        foreach (var (key, value) in entry ?? SiteFileJson.Rule(rule))
        {
            if (!key.Equals("id", StringComparison.OrdinalIgnoreCase) && !key.Equals("type", StringComparison.OrdinalIgnoreCase))
            {
                parameters[key] = value?.DeepClone();
            }
        }

        return parameters;
    }

    /// <summary>A string value (of <paramref name="key"/> in an object, or the node itself when null); null otherwise.</summary>
    private static string? Text(JsonNode? node, string? key)
    {
        var value = key is null ? node : (node as JsonObject)?[key];
        return value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
    }

    private static JsonArray Points(IEnumerable<float[]> points) => new([.. points.Select(Point)]);

    private static JsonArray Point(float[] point) => new(JsonValue.Create(point[0]), JsonValue.Create(point[1]));
}
