using Microsoft.Extensions.Logging;
using Watchpost.Behaviours;
using Watchpost.Configuration;
using Watchpost.Events;

namespace Watchpost.Hosting;

/// <summary>
/// Reads the site file again (`reload`), validates it exactly as `watchpost run` does at start, and puts the
/// changes to cameras, zones, lines, privacy masks and rules in force through <see cref="IRunningSite"/>. A file that does not
/// load or does not fit the running cameras is refused with the problem and the running site is kept; changes to
/// the other sections (site, detector, mqtt, storage, console) are reported as needing a restart and not applied.
/// The arming service then knows the new rules, zones and lines (arm / disarm of what was added works).
/// </summary>
public sealed class SiteReloader(IRunningSite running, ILogger<SiteReloader> logger, TimeProvider time, SiteFile? file = null, IAuditLog? audit = null, ArmingService? arming = null) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public void Dispose() => _gate.Dispose();

    /// <summary>Whether the service has a file to reload (a host built on a site in memory, as tests do, has none).</summary>
    public bool HasFile => file is not null;

    /// <exception cref="InvalidConfigurationException">The file is invalid, or its zones and lines do not fit a running camera; nothing changed.</exception>
    /// <exception cref="InvalidOperationException">The service was not started from a site file.</exception>
    public Task<SiteReloadResult> ReloadAsync(string by, CancellationToken cancellationToken) => ReloadAsync(by, ChangeSource.Mqtt, cancellationToken);

    /// <param name="source">Who asked, for the audit line: the MQTT `reload` command, or the console's site editor.</param>
    /// <exception cref="InvalidConfigurationException">The file is invalid, or its zones and lines do not fit a running camera; nothing changed.</exception>
    /// <exception cref="InvalidOperationException">The service was not started from a site file.</exception>
    public async Task<SiteReloadResult> ReloadAsync(string by, ChangeSource source, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            throw new InvalidOperationException("this service was not started from a site file: there is nothing to reload");
        }

        // One at a time: the MQTT command router and the console's editor may both ask.
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var reloaded = WatchpostOptionsLoader.Load(file.Path);
            var current = running.Site;
            var diff = SiteDiff.Between(current, reloaded);
            var next = SiteDiff.LiveParts(current, reloaded);
            if (diff.RestartNeeded.Count > 0)
            {
                // The live sections must stand with the running ones too (e.g. a rule's schedule and the site's time zone).
                WatchpostOptionsLoader.Validate(next, $"{Path.GetFullPath(file.Path)} (its cameras, zones, lines and rules with the running {string.Join(", ", diff.RestartNeeded)})");
            }

            IReadOnlyDictionary<string, string> cameras = new Dictionary<string, string>();
            if (diff.AnyLive)
            {
                cameras = await running.ApplyAsync(next, cancellationToken);
                arming?.UseSite(next);
            }

            var result = new SiteReloadResult(Path.GetFullPath(file.Path), diff, cameras);
            logger.LogInformation("Reloaded {Path} (asked by {By}): {Summary}", result.Path, by, Summary(result));
            if (audit is not null)
            {
                try
                {
                    await audit.RecordAsync(new AuditEntry(time.GetUtcNow().UtcDateTime, by, source, "reload", "site", Summary(result)), cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError("Could not write the audit line of the reload by {By}: {Reason}", by, e.Message);
                }
            }

            return result;
        }
        catch (InvalidConfigurationException e)
        {
            logger.LogWarning("Reload of the site file refused, the running configuration is kept: {Reason}", e.Message);
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>"rules: added x; changed y; cameras: gate restarted; restart needed for mqtt" or "nothing changed".</summary>
    public static string Summary(SiteReloadResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var parts = new List<string>();
        foreach (var (name, changes) in new[] { ("cameras", result.Diff.Cameras), ("zones", result.Diff.Zones), ("lines", result.Diff.Lines), ("masks", result.Diff.Masks), ("rules", result.Diff.Rules) })
        {
            var what = new[] { ("added", changes.Added), ("removed", changes.Removed), ("changed", changes.Changed) }
                .Where(p => p.Item2.Count > 0).Select(p => $"{p.Item1} {string.Join(", ", p.Item2)}").ToList();
            if (what.Count > 0)
            {
                parts.Add($"{name} {string.Join("; ", what)}");
            }
        }

        if (result.Cameras.Count > 0)
        {
            parts.Add("camera " + string.Join(", ", result.Cameras.Select(c => $"{c.Key} {c.Value}")));
        }

        if (result.Diff.RestartNeeded.Count > 0)
        {
            parts.Add($"restart needed for {string.Join(", ", result.Diff.RestartNeeded)} (not applied)");
        }

        return parts.Count == 0 ? "nothing changed" : string.Join("; ", parts);
    }
}
