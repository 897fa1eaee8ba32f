using Microsoft.Extensions.Logging;
using Watchpost.Configuration;

namespace Watchpost.Behaviours;

/// <summary>
/// The operators' arm / disarm state (MQTT commands and the console call it). A disarm names everything, a
/// camera, a zone, a line or a rule, with who, why, when and optionally until when; a rule is armed only while
/// no disarm covers it (everything, its camera, a zone or line it reads, itself). Arming a target removes its
/// own disarm and every disarm under it (arming a camera re-arms its zones, lines and rules; arming everything
/// clears every disarm); a rule under a broader disarm that is still in force stays disarmed, and the result
/// says so. The state is kept in <c>&lt;storage.path&gt;/arming.json</c> and survives a restart.
/// <para>
/// <see cref="IsArmed"/> runs on every camera thread when a rule fires: it reads one immutable snapshot that
/// each change replaces whole, without a lock and without allocating. Changes are serialised by a lock.
/// </para>
/// </summary>
public sealed class ArmingService : IRuleArming, IDisposable
{
    public const int MaxNameLength = 100;
    public const int MaxReasonLength = 500;

    /// <summary>Re-checks at least this often for a disarm's "until" (a timer cannot wait 50 days).</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromHours(6);

    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ArmingStore _store;
    private ArmingSite _site;
    private readonly Lock _gate = new();
    private readonly ITimer _expiry;
    private ArmingSnapshot _snapshot;

    public ArmingService(WatchpostOptions site, TimeProvider time, ILogger<ArmingService> logger)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _site = new ArmingSite(site);
        _time = time;
        _logger = logger;
        _store = new ArmingStore(site.Storage.Path, time, logger);
        _snapshot = new ArmingSnapshot([], _site);
        _expiry = time.CreateTimer(_ => Expire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Load();
    }

    /// <summary>
    /// Raised after each change that went through (including a disarm's "until" re-arming it), outside the lock, on the
    /// caller's thread (the timer's for an "until"); two changes at once may arrive out of order, so a follower that
    /// publishes the whole state should read <see cref="States"/> or <see cref="Disarmed"/> rather than add up results.
    /// </summary>
    public event EventHandler<ArmingResult>? Changed;

    /// <summary>The state file.</summary>
    public string StatePath => _store.FilePath;

    /// <summary>The disarms in force, broadest first.</summary>
    public IReadOnlyList<ArmingEntry> Disarmed => Volatile.Read(ref _snapshot).List;

    public bool IsArmed(RuleIdentity rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var s = Volatile.Read(ref _snapshot);
        if (s.List.Count == 0)
        {
            return true;
        }

        if (s.ArmedByRule.TryGetValue(rule.RuleId, out var armed))
        {
            return armed;
        }

        // A rule the site file does not hold (evaluation builds its own): its camera, zone and line still count.
        return !(s.Everything
            || s.Cameras.Contains(rule.CameraId)
            || (rule.ZoneId is { } z && s.Zones.Contains(z))
            || (rule.LineId is { } l && s.Lines.Contains(l)));
    }

    /// <summary>Disarms <paramref name="target"/> (replacing an earlier disarm of the same target).</summary>
    /// <param name="by">The operator's name (required).</param>
    /// <param name="reason">Why (may be empty).</param>
    /// <param name="until">When it re-arms by itself; null to stay disarmed until someone arms it.</param>
    public ArmingResult Disarm(ArmingTarget target, string by, string reason, DateTimeOffset? until = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        var now = _time.GetUtcNow();
        by = (by ?? "").Trim();
        reason = (reason ?? "").Trim();
        var refused = Refusal(target, by, reason) ?? (until <= now ? $"until {until:u} is not in the future (now {now:u})" : null);
        if (refused is not null)
        {
            return Refused(target, arm: false, by, reason, now, refused);
        }

        var entry = new ArmingEntry(target, by, reason, now, until?.ToUniversalTime());
        ArmingResult result;
        lock (_gate)
        {
            var before = _snapshot;
            var entries = new Dictionary<ArmingTarget, ArmingEntry>(before.Entries) { [target] = entry };
            var after = new ArmingSnapshot(entries, _site);
            var (armed, disarmed) = Diff(before, after);
            result = new ArmingResult
            {
                Succeeded = true,
                Target = target,
                Arm = false,
                By = by,
                Reason = reason,
                At = now,
                Changed = true,
                Entry = entry,
                RulesArmed = armed,
                RulesDisarmed = disarmed,
                NotSaved = Apply(after),
            };
        }

        return Report(result);
    }

    /// <summary>Arms <paramref name="target"/>: removes its disarm and every disarm under it.</summary>
    public ArmingResult Arm(ArmingTarget target, string by, string reason)
    {
        ArgumentNullException.ThrowIfNull(target);
        var now = _time.GetUtcNow();
        by = (by ?? "").Trim();
        reason = (reason ?? "").Trim();
        if (Refusal(target, by, reason) is { } refused)
        {
            return Refused(target, arm: true, by, reason, now, refused);
        }

        ArmingResult result;
        lock (_gate)
        {
            result = Remove(target, [.. _snapshot.List.Where(e => _site.Under(e.Target, target))], by, reason, now);
        }

        return Report(result);
    }

    /// <summary>Each rule of the site with whether it raises events at <paramref name="now"/>, and if not, why.</summary>
    public IReadOnlyList<RuleArmingState> States(DateTimeOffset now)
    {
        var s = Volatile.Read(ref _snapshot);
        var states = new List<RuleArmingState>(_site.Rules.Count);
        foreach (var rule in _site.Rules)
        {
            IReadOnlyList<ArmingEntry> covering = [.. s.List.Where(e => ArmingSite.Covers(e.Target, rule))];
            var inSchedule = rule.Schedule.Contains(now);
            var status = !rule.Enabled ? RuleArmingStatus.Disabled
                : covering.Count > 0 ? RuleArmingStatus.DisarmedByOperator
                : !inSchedule ? RuleArmingStatus.OutsideSchedule
                : RuleArmingStatus.Armed;
            states.Add(new RuleArmingState(rule.Id, rule.Type, rule.Camera, status, covering, inSchedule));
        }

        return states;
    }

    /// <summary>
    /// Puts a reloaded site's cameras, zones, lines and rules in force (the `reload` command): new rules can be
    /// armed and disarmed, and disarms of what the site no longer holds are dropped (logged and saved).
    /// </summary>
    public void UseSite(WatchpostOptions site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var next = new ArmingSite(site);
        lock (_gate)
        {
            var kept = new Dictionary<ArmingTarget, ArmingEntry>();
            foreach (var entry in _snapshot.List)
            {
                if (next.Unknown(entry.Target) is { } unknown)
                {
                    _logger.LogWarning("Arming: dropped the disarm of {Target} by {By} on reload: {Reason} in the site file any more", entry.Target, entry.By, unknown);
                }
                else
                {
                    kept[entry.Target] = entry;
                }
            }

            // The site and the snapshot change together under the gate, so a change never diffs two sites' rules.
            _site = next;
            var after = new ArmingSnapshot(kept, next);
            if (kept.Count != _snapshot.List.Count)
            {
                Apply(after);
            }
            else
            {
                Volatile.Write(ref _snapshot, after);
            }
        }
    }

    public void Dispose() => _expiry.Dispose();

    /// <summary>Removes <paramref name="cleared"/> (under the gate) and says what that did.</summary>
    private ArmingResult Remove(ArmingTarget target, List<ArmingEntry> cleared, string by, string reason, DateTimeOffset now)
    {
        var before = _snapshot;
        var after = before;
        string? notSaved = null;
        if (cleared.Count > 0)
        {
            var entries = new Dictionary<ArmingTarget, ArmingEntry>(before.Entries);
            foreach (var e in cleared)
            {
                entries.Remove(e.Target);
            }

            after = new ArmingSnapshot(entries, _site);
            notSaved = Apply(after);
        }

        var (armed, disarmed) = Diff(before, after);
        return new ArmingResult
        {
            Succeeded = true,
            Target = target,
            Arm = true,
            By = by,
            Reason = reason,
            At = now,
            Changed = cleared.Count > 0,
            Cleared = cleared,
            RulesArmed = armed,
            RulesDisarmed = disarmed,
            StillDisarmed = [.. _site.Rules.Where(r => ArmingSite.Covers(target, r) && !after.ArmedByRule[r.Id]).Select(r => r.Id)],
            NotSaved = notSaved,
        };
    }

    /// <summary>Puts <paramref name="after"/> in force and saves it (under the gate); the reason when saving failed.</summary>
    private string? Apply(ArmingSnapshot after)
    {
        Volatile.Write(ref _snapshot, after);
        ScheduleExpiry(after);
        try
        {
            _store.Save(after.List);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogError("Could not save the arming state to {Path}: {Reason}. The change is in force but will be lost on restart", _store.FilePath, e.Message);
            return e.Message;
        }
    }

    private ArmingResult Report(ArmingResult result)
    {
        _logger.LogInformation("Arming: {Message}{Why}", result.Message, result.Reason.Length > 0 ? $" (reason: {result.Reason})" : "");
        if (!result.Changed)
        {
            return result;
        }

        try
        {
            Changed?.Invoke(this, result);
        }
        catch (Exception e)
        {
            // A follower (MQTT state, the console) that fails must not undo or hide the change.
            _logger.LogError(e, "An arming change follower failed");
        }

        return result;
    }

    private ArmingResult Refused(ArmingTarget target, bool arm, string by, string reason, DateTimeOffset now, string error)
    {
        _logger.LogWarning("Arming: refused to {Action} {Target}: {Error}", arm ? "arm" : "disarm", target, error);
        return new ArmingResult { Succeeded = false, Error = error, Target = target, Arm = arm, By = by, Reason = reason, At = now };
    }

    /// <summary>Why a command on <paramref name="target"/> cannot be carried out, or null.</summary>
    private string? Refusal(ArmingTarget target, string by, string reason)
    {
        if (by.Length == 0)
        {
            return "the operator's name is required (who arms or disarms)";
        }

        if (by.Length > MaxNameLength || reason.Length > MaxReasonLength)
        {
            return $"the operator's name is limited to {MaxNameLength} characters and the reason to {MaxReasonLength}";
        }

        return _site.Unknown(target);
    }

    private (IReadOnlyList<string> Armed, IReadOnlyList<string> Disarmed) Diff(ArmingSnapshot before, ArmingSnapshot after) =>
        ([.. _site.Rules.Where(r => !before.ArmedByRule[r.Id] && after.ArmedByRule[r.Id]).Select(r => r.Id)],
         [.. _site.Rules.Where(r => before.ArmedByRule[r.Id] && !after.ArmedByRule[r.Id]).Select(r => r.Id)]);

    private void Load()
    {
        var loaded = _store.Load();
        if (loaded is null)
        {
            return;   // damaged: moved aside and logged; everything armed
        }

        var now = _time.GetUtcNow();
        var entries = new Dictionary<ArmingTarget, ArmingEntry>();
        var dropped = false;
        foreach (var entry in loaded)
        {
            if (_site.Unknown(entry.Target) is { } unknown)
            {
                _logger.LogWarning("Arming: dropped the disarm of {Target} by {By} from {Path}: {Reason} in the site file any more", entry.Target, entry.By, _store.FilePath, unknown);
                dropped = true;
            }
            else if (entry.Until <= now)
            {
                _logger.LogInformation("Arming: the disarm of {Target} by {By} ended at {Until:u} while the service was stopped; it is armed", entry.Target, entry.By, entry.Until);
                dropped = true;
            }
            else
            {
                entries[entry.Target] = entry;
            }
        }

        lock (_gate)
        {
            var snapshot = new ArmingSnapshot(entries, _site);
            if (dropped)
            {
                Apply(snapshot);
            }
            else
            {
                Volatile.Write(ref _snapshot, snapshot);
                ScheduleExpiry(snapshot);
            }
        }

        if (entries.Count == 0)
        {
            _logger.LogInformation("Arming: every rule is armed (no operator disarm in force)");
        }
        else
        {
            _logger.LogWarning(
                "Arming: {Count} operator disarm(s) in force from {Path}: {Entries}",
                entries.Count,
                _store.FilePath,
                string.Join("; ", _snapshot.List.Select(e => $"{e.Target} by {e.By} since {e.Since:u}" + (e.Until is { } u ? $" until {u:u}" : ""))));
        }
    }

    /// <summary>The timer callback: re-arms what has reached its "until".</summary>
    private void Expire()
    {
        var results = new List<ArmingResult>();
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            foreach (var entry in _snapshot.List.Where(e => e.Until <= now).ToList())
            {
                results.Add(Remove(entry.Target, [entry], "watchpost", $"the disarm by {entry.By} ended at {entry.Until:u}", now));
            }

            ScheduleExpiry(_snapshot);
        }

        foreach (var result in results)
        {
            Report(result);
        }
    }

    private void ScheduleExpiry(ArmingSnapshot snapshot)
    {
        if (snapshot.NextExpiry is not { } next)
        {
            _expiry.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        var wait = next - _time.GetUtcNow();
        _expiry.Change(wait < TimeSpan.Zero ? TimeSpan.Zero : wait > LongestWait ? LongestWait : wait, Timeout.InfiniteTimeSpan);
    }
}
