using Microsoft.Extensions.DependencyInjection;
using Serilog;
using Watchpost.Configuration;
using Watchpost.Hosting;

namespace Watchpost.Cli;

/// <summary>
/// The services a verb works with: the site file loaded and validated by the same loader as `watchpost run`, and
/// a container built from the same registrations (<see cref="ApplianceServices.AddWatchpostStages"/>). Nothing is
/// started: a verb resolves what it needs (the event store, the model catalogue, the MQTT client factory, ...) and
/// uses it directly. Dispose it to close what was opened (the database, sessions).
/// </summary>
public sealed class CliServices : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private CliServices(string siteFile, WatchpostOptions options, ServiceProvider provider)
    {
        SiteFile = siteFile;
        Options = options;
        _provider = provider;
    }

    /// <summary>The full path of the site file.</summary>
    public string SiteFile { get; }

    public WatchpostOptions Options { get; }

    public IServiceProvider Services => _provider;

    /// <summary>Loads <paramref name="siteFile"/> (an invalid file throws <see cref="InvalidConfigurationException"/>, exit code 2) and builds the container.</summary>
    public static CliServices Load(string siteFile)
    {
        var full = Path.GetFullPath(siteFile);
        return For(WatchpostOptionsLoader.Load(full), full);
    }

    /// <summary>The container for a site already loaded (or built in memory).</summary>
    public static CliServices For(WatchpostOptions options, string siteFile)
    {
        var services = new ServiceCollection();
        services.AddSerilog();
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new SiteFile(siteFile));
        services.AddWatchpostStages(options);
        return new CliServices(siteFile, options, services.BuildServiceProvider());
    }

    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
