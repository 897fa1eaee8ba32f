using System.CommandLine;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Watchpost.Behaviours;
using Watchpost.Cli.Site;
using Watchpost.Configuration;
using Watchpost.Hosting;

namespace Watchpost.Cli;

/// <summary>
/// <c>watchpost init</c>: the first step on a new box. Creates the config folder and the data folder and writes a
/// minimal site file (device id, site time zone, storage path; mode 0600) that `watchpost run` accepts as it is.
/// An existing site file is kept unless <c>--force</c>, which first keeps a copy of it as FILE.bak.
/// </summary>
public static partial class InitCommand
{
    private const string DefaultData = "/var/lib/watchpost";

    public static Command Create()
    {
        var config = CommonOptions.Config();
        var data = new Option<string>("--data") { Description = $"The data folder: event database, snapshots, credentials (default {DefaultData})", DefaultValueFactory = _ => DefaultData };
        var deviceId = new Option<string?>("--device-id") { Description = "The box's id in MQTT topics (letters, digits, '-', '_'; default: from the host name)" };
        var timeZone = new Option<string?>("--time-zone") { Description = "The site's IANA time zone for rule schedules, e.g. Asia/Shanghai (default: the machine's, else UTC)" };
        var name = new Option<string?>("--name") { Description = "The site's name as the console shows it" };
        var language = new Option<string?>("--language") { Description = "The console's language: en or zh-CN" };
        var force = new Option<bool>("--force") { Description = "Replace an existing site file (the old one is kept as FILE.bak)" };
        var command = new Command("init", "Create the config and data folders and a minimal site file (device id, time zone, storage path)")
        {
            config, data, deviceId, timeZone, name, language, force,
        };
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                return await RunAsync(parse, ct);
            }
            catch (UnauthorizedAccessException e)
            {
                throw SiteEdit.NotPermitted(parse.GetRequiredValue(config), e);
            }
        });
        return command;

        async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
        {
            var output = parse.InvocationConfiguration.Output;
            var file = Path.GetFullPath(parse.GetRequiredValue(config));
            var dataFolder = Path.GetFullPath(parse.GetRequiredValue(data));
            if (File.Exists(file) && !parse.GetValue(force))
            {
                output.WriteLine($"{file} exists already: this box is initialised; nothing changed (--force replaces it, keeping the old one as {Path.GetFileName(file)}.bak).");
                output.WriteLine($"Check it with: watchpost config validate{SiteEdit.ConfigArgument(file)}");
                return ExitCodes.Ok;
            }

            var site = new SiteOptions
            {
                DeviceId = parse.GetValue(deviceId) is { } id ? id : DeviceIdFromHost(),
                TimeZone = parse.GetValue(timeZone) is { } zone ? CheckedTimeZone(zone) : MachineTimeZone(),
            };
            site.Name = parse.GetValue(name) ?? site.Name;
            site.Language = parse.GetValue(language) ?? site.Language;

            // The same checks as `watchpost run`, before anything is created: a bad --device-id names itself.
            WatchpostOptionsLoader.Validate(new WatchpostOptions { Site = site, Storage = new StorageOptions { Path = dataFolder } }, file);

            var configFolder = Path.GetDirectoryName(file)!;
            var created = new List<string>();
            foreach (var folder in new[] { configFolder, dataFolder })
            {
                if (!Directory.Exists(folder))
                {
                    // Owner and group only: the data folder holds credentials, the config folder the site file.
                    if (OperatingSystem.IsWindows())
                    {
                        Directory.CreateDirectory(folder);
                    }
                    else
                    {
                        Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
                    }

                    created.Add(folder);
                }
            }

            var json = new JsonObject
            {
                ["site"] = SiteJson(site),
                ["storage"] = new JsonObject { ["path"] = dataFolder },
            };
            string? backup = null;
            if (File.Exists(file))
            {
                backup = file + ".bak";
                File.Copy(file, backup, overwrite: true);
                File.Delete(file);
            }

            await SiteFileEditor.WriteNewAsync(file, json, ct);
            WatchpostOptionsLoader.Load(file);   // what the service will read

            foreach (var folder in created)
            {
                output.WriteLine($"Created {folder}");
            }

            output.WriteLine($"Wrote {file} (mode 0600){(backup is null ? "" : $"; the old file is {backup}")}");
            output.WriteLine($"  device id:  {site.DeviceId}");
            output.WriteLine($"  time zone:  {site.TimeZone}");
            output.WriteLine($"  data:       {dataFolder}");
            output.WriteLine("");
            output.WriteLine("Next steps:");
            var c = SiteEdit.ConfigArgument(file);
            output.WriteLine($"  watchpost camera add gate --url rtsp://user:password@192.168.1.64:554/stream1{c}   (probes the stream first)");
            output.WriteLine($"  watchpost zone add yard --camera gate --points \"100,400 900,400 900,700 100,700\"{c}");
            output.WriteLine($"  watchpost rule add yard-intrusion --type intrusion --zone yard --schedule \"daily 22:00-06:00\"{c}");
            output.WriteLine($"  watchpost user add admin --role admin{c}");
            output.WriteLine($"  sudo watchpost service install{c}");
            output.WriteLine($"  watchpost doctor{c}");
            output.WriteLine("(`service install` gives the folders and this file to the service user; until then only their owner can read them.)");
            return ExitCodes.Ok;
        }
    }

    /// <summary>The host name made a valid device id: other characters become '-', at most 64; "watchpost" when nothing is left.</summary>
    internal static string DeviceIdFromHost()
    {
        var host = Environment.MachineName.Split('.')[0];
        var id = InvalidIdCharacters().Replace(host, "-").Trim('-', '_');
        id = id.Length > 64 ? id[..64].TrimEnd('-', '_') : id;
        return id.Length == 0 ? "watchpost" : id;
    }

    private static string CheckedTimeZone(string name) =>
        SiteTimeZone.TryFind(name) is not null
            ? name
            : throw new CliInputException($"--time-zone: '{name}' is not an IANA time zone name known to this machine (e.g. Asia/Shanghai, Europe/London, UTC; see timedatectl list-timezones)");

    /// <summary>The machine's zone: /etc/timezone (Debian), else $TZ, else the /etc/localtime link; UTC when none names a known zone.</summary>
    private static string MachineTimeZone()
    {
        var candidates = new List<string?>();
        try
        {
            candidates.Add(File.Exists("/etc/timezone") ? File.ReadAllText("/etc/timezone").Trim() : null);
            candidates.Add(Environment.GetEnvironmentVariable("TZ")?.TrimStart(':'));
            var link = File.Exists("/etc/localtime") ? new FileInfo("/etc/localtime").LinkTarget : null;
            var marker = link?.IndexOf("zoneinfo/", StringComparison.Ordinal) ?? -1;
            candidates.Add(marker >= 0 ? link![(marker + "zoneinfo/".Length)..] : null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A machine that does not say: UTC.
        }

        return candidates.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c) && SiteTimeZone.TryFind(c) is not null) ?? "UTC";
    }

    private static JsonObject SiteJson(SiteOptions site)
    {
        var defaults = new SiteOptions();
        var json = new JsonObject { ["deviceId"] = site.DeviceId, ["timeZone"] = site.TimeZone };
        if (site.Name != defaults.Name)
        {
            json["name"] = site.Name;
        }

        if (site.Language != defaults.Language)
        {
            json["language"] = site.Language;
        }

        return json;
    }

    [GeneratedRegex("[^A-Za-z0-9_-]+")]
    private static partial Regex InvalidIdCharacters();
}
