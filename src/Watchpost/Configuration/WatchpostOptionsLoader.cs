using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Watchpost.Behaviours;

namespace Watchpost.Configuration;

/// <summary>
/// Reads the site file plus WATCHPOST__SECTION__KEY environment overrides, rejects unknown keys and checks
/// every rule, so that the service and the CLI accept exactly the same files.
/// </summary>
public static class WatchpostOptionsLoader
{
    public const string DefaultPath = "/etc/watchpost/watchpost.json";
    public const string EnvironmentPrefix = "WATCHPOST__";

    public static IConfiguration BuildConfiguration(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new InvalidConfigurationException(full, "the file does not exist (write one as README.md shows, or pass --config FILE)");
        }

        try
        {
            return new ConfigurationBuilder()
                .AddJsonFile(full, optional: false, reloadOnChange: false)
                .AddEnvironmentVariables(EnvironmentPrefix)
                .Build();
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or System.Text.Json.JsonException)
        {
            throw new InvalidConfigurationException(full, $"not valid JSON: {(e.InnerException ?? e).Message}");
        }
    }

    public static WatchpostOptions Load(string path) => Bind(BuildConfiguration(path), Path.GetFullPath(path));

    /// <summary>Binds and validates; <paramref name="source"/> names the configuration in errors.</summary>
    public static WatchpostOptions Bind(IConfiguration configuration, string source)
    {
        var options = new WatchpostOptions();

        // The binder adds a list's entries to the default list instead of replacing it: a list the file gives is the list.
        if (configuration.GetSection("detector:providers").Exists())
        {
            options.Detector.Providers = [];
        }

        if (configuration.GetSection("detector:classes").Exists())
        {
            options.Detector.Classes = [];
        }

        try
        {
            // "rules" is bound entry by entry below, each to the options class of its type.
            WithoutSection(configuration, "rules").Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException e)
        {
            // The binder names the unknown key and the type it was looking in.
            throw new InvalidConfigurationException(source, (e.InnerException ?? e).Message);
        }

        options.Rules = BindRules(configuration.GetSection("rules"), source);

        Validate(options, source);
        return options;
    }

    private static List<RuleOptions> BindRules(IConfigurationSection section, string source)
    {
        var rules = new List<RuleOptions>();
        var errors = new List<string>();
        foreach (var entry in section.GetChildren())
        {
            var id = entry["id"] ?? "?";
            var typeName = entry["type"];
            if (string.IsNullOrEmpty(typeName) || !RuleCatalog.Types.TryGetValue(typeName, out var type))
            {
                errors.Add($"rules[{entry.Key}] ('{id}').type: {(string.IsNullOrEmpty(typeName) ? "missing" : $"unknown type '{typeName}'")}; expected one of {RuleCatalog.Names}");
                continue;
            }

            var known = RuleParameters.Common.Concat(RuleParameters.Of(type)).Append("type").ToHashSet(StringComparer.OrdinalIgnoreCase);
            var unknown = entry.GetChildren().Select(c => c.Key).Where(k => !known.Contains(k)).ToList();
            if (unknown.Count > 0)
            {
                errors.AddRange(unknown.Select(k =>
                    $"rules[{entry.Key}] ('{id}').{k}: not a parameter of rule type '{typeName}' (it takes {string.Join(", ", RuleParameters.Of(type))} and the common ones: {string.Join(", ", RuleParameters.Common)})"));
                continue;
            }

            var rule = type.NewOptions();
            if (entry.GetSection("classes").Exists())
            {
                // The binder adds a list's entries to the default list instead of replacing it.
                rule.Classes = [];
            }

            try
            {
                WithoutKey(entry, "type").Bind(rule, binder => binder.ErrorOnUnknownConfiguration = true);
                rules.Add(rule);
            }
            catch (InvalidOperationException e)
            {
                errors.Add($"rules[{entry.Key}] ('{id}'): {(e.InnerException ?? e).Message}");
            }
        }

        return errors.Count == 0 ? rules : throw new InvalidConfigurationException(source, string.Join(Environment.NewLine + "  ", errors));
    }

    private static IConfiguration WithoutSection(IConfiguration configuration, string section) =>
        new ConfigurationBuilder().AddInMemoryCollection(configuration.AsEnumerable()
            .Where(kv => !kv.Key.Equals(section, StringComparison.OrdinalIgnoreCase) && !kv.Key.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase)))
            .Build();

    private static IConfiguration WithoutKey(IConfigurationSection entry, string key) =>
        new ConfigurationBuilder().AddInMemoryCollection(entry.AsEnumerable(makePathsRelative: true)
            .Where(kv => !kv.Key.Equals(key, StringComparison.OrdinalIgnoreCase)))
            .Build();

    public static void Validate(WatchpostOptions options, string source)
    {
        var failures = new List<string>();
        foreach (IValidateOptions<WatchpostOptions> validator in new IValidateOptions<WatchpostOptions>[] { new WatchpostOptionsValidator(), new SiteConsistencyValidator() })
        {
            var result = validator.Validate(Options.DefaultName, options);
            if (result.Failed)
            {
                failures.AddRange(result.Failures);
            }
        }

        if (failures.Count > 0)
        {
            throw new InvalidConfigurationException(source, string.Join(Environment.NewLine + "  ", failures));
        }
    }
}
