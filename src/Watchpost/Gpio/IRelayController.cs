namespace Watchpost.Gpio;

/// <summary>The relay outputs (siren, strobe, door release), for the `relay` command and the console.</summary>
public interface IRelayController
{
    /// <summary>The configured relays by name (empty when GPIO is off).</summary>
    IReadOnlyCollection<string> Relays { get; }

    /// <summary>Switches a relay.</summary>
    /// <param name="seconds">How long a <see cref="RelayAction.Pulse"/> lasts (required for a pulse).</param>
    /// <param name="by">Who asked (for the log and the audit trail).</param>
    /// <exception cref="KeyNotFoundException">No relay of that name.</exception>
    /// <exception cref="ArgumentException">A pulse without a positive duration, or one longer than allowed.</exception>
    /// <returns>The relay's state after the change: true = on.</returns>
    Task<bool> SetAsync(string name, RelayAction action, double? seconds, string by, CancellationToken cancellationToken = default);
}
