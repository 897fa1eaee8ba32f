using System.Text.Json.Nodes;
using Watchpost.Configuration;
using Watchpost.Hosting;
using Watchpost.Ingest;
using Watchpost.WebConsole.Auth;

namespace Watchpost.Cli.Provisioning;

/// <summary>
/// `watchpost provision`: plans a provisioning file against the site file and the console's users, checking the
/// whole target first (secrets, the loader's validation as `watchpost run` does it, camera URLs as the ingest code
/// reads them, users as the store checks them), then writes through <see cref="SiteFileEditor"/> (validated
/// again, replaced atomically) and <see cref="ConsoleUserStore"/>. Any problem refuses the file as a whole, each
/// problem with its file, line and field; nothing is written then.
/// </summary>
internal static class Provisioner
{
    private static readonly JsonNodeOptions AnyCase = new() { PropertyNameCaseInsensitive = true };

    /// <exception cref="CliInputException">The provisioning file (or --secrets) is refused; the message lists every problem.</exception>
    public static ProvisionPlan Plan(string siteFile, string configPath, string? secretsFile, bool pruneUsers)
    {
        var secrets = new SecretReferences(secretsFile is null ? new Dictionary<string, string>() : SecretsFile.Read(secretsFile), Environment.GetEnvironmentVariable);
        var file = ProvisioningFile.Read(siteFile);
        var errors = new List<string>();
        secrets.Resolve(file.Sections, "", (path, problem) => errors.Add($"{file.Map.Locate(path)}: {path}: {problem}"));
        secrets.Resolve(file.Users, ProvisioningFile.UsersSection, (path, problem) => errors.Add($"{file.Map.Locate(path)}: {path}: {problem}"));
        Refuse(siteFile, errors, secrets);

        var config = Path.GetFullPath(configPath);
        var exists = File.Exists(config);
        var current = exists ? new SiteFileEditor(config).Read() : new JsonObject(AnyCase);
        var currentMap = new SourceMap(config);
        if (exists)
        {
            TryMap(config, currentMap);
        }

        SourceMap MapOf(string section) => section.Length == 0 || file.Sections.ContainsKey(section) ? file.Map : currentMap;
        var target = Replaced(current, file.Sections);
        var site = Validated(target, MapOf, errors);
        CameraUrls(target, MapOf, errors);
        var users = file.Users is null ? null : ConsoleUsersPlan.Read(file.Users, (path, problem) => errors.Add($"{file.Map.Locate(path)}: {path}: {problem}"));
        Refuse(siteFile, errors, secrets);

        var store = new ConsoleUserStore(site!.Storage.Path);
        var before = exists ? Normalized(config) ?? current : new JsonObject();
        var siteChanges = SiteChanges.Between(before, SiteFileJson.ToJson(site), secrets.IsSecretPath).ToList();
        if (exists && siteChanges.Count == 0 && Normalized(config) is null)
        {
            siteChanges.Add(new ProvisionChange(ProvisionChange.Change, "site file", Note: "it does not load as it is; written again"));
        }

        IReadOnlyList<ProvisionChange> userChanges;
        try
        {
            userChanges = users?.Changes(store, pruneUsers) ?? [];
        }
        catch (ConsoleUserException e)
        {
            throw new CliInputException($"{siteFile}: users: {e.Message}", e);
        }

        return new ProvisionPlan
        {
            ConfigPath = config, ConfigExists = exists, Sections = file.Sections, Target = target, Site = site, SiteChanges = siteChanges,
            KeptSections = [.. ProvisioningFile.SiteSections.Where(s => !file.Sections.ContainsKey(s) && current.ContainsKey(s))],
            Users = users, Store = store, UserChanges = userChanges, Secrets = secrets, MapOf = MapOf,
        };
    }

    /// <summary>Writes the site file (when it changes) and then the users.</summary>
    /// <exception cref="CliInputException">The site file's editor refused the file (it is left as it was).</exception>
    public static async Task ApplyAsync(ProvisionPlan plan, CancellationToken cancellationToken)
    {
        if (!plan.ConfigExists)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(plan.ConfigPath)!);
            await SiteFileEditor.WriteNewAsync(plan.ConfigPath, plan.Target, cancellationToken);
        }
        else if (plan.SiteChanges.Count > 0)
        {
            try
            {
                await new SiteFileEditor(plan.ConfigPath).EditAsync(root => Replace(root, plan.Sections), check: null, inForce: null, cancellationToken);
            }
            catch (InvalidConfigurationException e)
            {
                throw new CliInputException(plan.Secrets.Mask(string.Join(Environment.NewLine, LoaderErrors.Locate(SiteFileEditor.Problem(e), plan.MapOf, plan.Target))), e);
            }
        }

        if (plan.Users is not null)
        {
            try
            {
                plan.Users.Apply(plan.Store, plan.UserChanges);
            }
            catch (ConsoleUserException e)
            {
                throw new CliInputException($"users: {plan.Secrets.Mask(e.Message)} (the site file {plan.ConfigPath} is written)", e);
            }
        }
    }

    /// <summary>Each camera's URL as its frame source reads it (not probed), whether or not the rest of the file loads.</summary>
    private static void CameraUrls(JsonObject target, Func<string, SourceMap> mapOf, List<string> errors)
    {
        var cameras = target.FirstOrDefault(p => p.Key.Equals("cameras", StringComparison.OrdinalIgnoreCase)).Value as JsonArray ?? [];
        for (var i = 0; i < cameras.Count; i++)
        {
            var path = $"cameras[{i}].url";
            var camera = cameras[i] as JsonObject;
            var id = AnnotatedField.ValueAt(camera, "id")?.ToString() ?? $"cameras[{i}]";
            if (AnnotatedField.ValueAt(camera, "url") is JsonValue url && url.TryGetValue<string>(out var text))
            {
                try
                {
                    CameraUrl.Parse(id, text);
                }
                catch (CameraUrlException e)
                {
                    errors.Add($"{mapOf("cameras").Locate(path)}: {path}: {e.Message}");
                }
            }
        }
    }

    private static void Refuse(string siteFile, List<string> errors, SecretReferences secrets)
    {
        if (errors.Count > 0)
        {
            var list = string.Join(Environment.NewLine, errors.Distinct().Select(e => "  " + e));
            throw new CliInputException(secrets.Mask($"{siteFile} is refused as a whole, nothing was changed ({errors.Count} problem{(errors.Count == 1 ? "" : "s")}):{Environment.NewLine}{list}"));
        }
    }

    /// <summary>The site file's JSON with the provisioning file's sections in place of its own.</summary>
    private static JsonObject Replaced(JsonObject current, JsonObject sections)
    {
        var target = (JsonObject)JsonNode.Parse(current.ToJsonString(), AnyCase)!;
        Replace(target, sections);
        return target;
    }

    private static void Replace(JsonObject root, JsonObject sections)
    {
        foreach (var (name, value) in sections)
        {
            foreach (var key in root.Select(p => p.Key).Where(k => k.Equals(name, StringComparison.OrdinalIgnoreCase)).ToList())
            {
                root.Remove(key);
            }

            root[name] = value?.DeepClone();
        }
    }

    /// <summary>The target loaded as `watchpost run` loads it, from a private temporary file (it holds the secrets).</summary>
    private static WatchpostOptions? Validated(JsonObject target, Func<string, SourceMap> mapOf, List<string> errors)
    {
        var folder = Directory.CreateTempSubdirectory("watchpost-provision-");
        try
        {
            var candidate = Path.Combine(folder.FullName, "watchpost.json");
            File.WriteAllBytes(candidate, SiteFileJson.Text(target));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(candidate, Storage.PrivateFile.OwnerOnly);
            }

            return WatchpostOptionsLoader.Load(candidate);
        }
        catch (InvalidConfigurationException e)
        {
            errors.AddRange(LoaderErrors.Locate(SiteFileEditor.Problem(e), mapOf, target));
            return null;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The site file as the loader reads it, written as the appliance writes a site; null when it does not load.</summary>
    private static JsonObject? Normalized(string config)
    {
        try
        {
            return SiteFileJson.ToJson(WatchpostOptionsLoader.Load(config));
        }
        catch (InvalidConfigurationException)
        {
            return null;
        }
    }

    private static void TryMap(string config, SourceMap map)
    {
        try
        {
            JsonTreeReader.Read(File.ReadAllBytes(config), map);
        }
        catch (CliInputException)
        {
            // The editor's own read says what is wrong with it.
        }
    }
}
