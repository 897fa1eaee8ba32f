using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

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
        try
        {
            configuration.Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException e)
        {
            // The binder names the unknown key and the type it was looking in.
            throw new InvalidConfigurationException(source, (e.InnerException ?? e).Message);
        }

        Validate(options, source);
        return options;
    }

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
