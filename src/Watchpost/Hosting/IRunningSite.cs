using Watchpost.Configuration;

namespace Watchpost.Hosting;

/// <summary>The site in force and how a reloaded one is put in force (the <see cref="CameraSupervisor"/>).</summary>
public interface IRunningSite
{
    WatchpostOptions Site { get; }

    /// <summary>Applies a validated site; throws <see cref="InvalidConfigurationException"/> (nothing changed) when it does not fit the running cameras.</summary>
    /// <returns>What was done per camera.</returns>
    Task<IReadOnlyDictionary<string, string>> ApplyAsync(WatchpostOptions next, CancellationToken cancellationToken);
}
