using Watchpost.Behaviours.Geometry;
using Watchpost.Behaviours.Objects;
using Watchpost.Tracking;

namespace Watchpost.Behaviours.Running;

/// <summary>
/// Fires when an object's ground point has moved faster than the threshold for <c>durationSeconds</c>. The speed
/// is the displacement over the last <see cref="Window"/> of matched observations (never predicted boxes), so
/// box jitter averages out and a person bending (the box top moves, the feet do not) reads as standing; a track
/// younger than the window has no speed yet. In pixels a second, a second test asks for at least
/// <see cref="MinHeightsPerSecond"/> body heights a second, so that a person walking close to the camera (big box,
/// many pixels) is not taken for running. The episode ends once the speed has stayed below
/// <see cref="SlowFraction"/> of the threshold for <see cref="EndGrace"/>, or the track is gone for as long.
/// </summary>
public sealed class RunningRule : IBehaviourRule
{
    /// <summary>The smoothing window of the speed (the "about 0.5 s").</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(0.5);

    /// <summary>How long a running episode survives slow or missing observations.</summary>
    public static readonly TimeSpan EndGrace = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Walking across the view is 0.6-0.9 body heights a second (less where people walk towards the camera: the
    /// median in vtest.avi is 0.37 and its 90th percentile 0.61); running is 2-3.
    /// </summary>
    public const double MinHeightsPerSecond = 0.9;

    /// <summary>Below this fraction of the threshold a sample counts as slow (hysteresis: between the two nothing changes).</summary>
    public const double SlowFraction = 0.8;

    private readonly TrackFilter _filter;
    private readonly Polygon? _zone;
    private readonly GroundHomography? _ground;
    private readonly double _threshold;
    private readonly TimeSpan _duration;
    private readonly string _speedKey;
    private readonly Dictionary<int, Runner> _runners = [];
    private readonly Stack<Runner> _spare = [];
    private readonly List<int> _gone = [];
    private long _episodes;

    public RunningRule(RunningRuleOptions options, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        Identity = context.Identity(options);
        _filter = context.Filter(options);
        _zone = string.IsNullOrEmpty(options.Zone) ? null : context.Polygon(options.Zone);
        _ground = options.Calibration is { } c ? GroundHomography.From(c.Image, c.Ground) : null;
        _threshold = options.SpeedMetersPerSecond ?? options.SpeedPxPerSecond ?? 0;
        _duration = TimeSpan.FromSeconds(options.DurationSeconds);
        _speedKey = _ground is null ? "speed_px_s" : "speed_m_s";
    }

    public RuleIdentity Identity { get; }

    public void Evaluate(in RuleFrame frame, List<RuleSignal> into)
    {
        var now = frame.Timestamp;
        // By index: foreach over the IReadOnlyList would box its enumerator every frame.
        for (var index = 0; index < frame.Tracks.Count; index++)
        {
            var track = frame.Tracks[index];
            if (!track.IsMatched || !_filter.Accepts(track))
            {
                continue;
            }

            if (!_runners.TryGetValue(track.Id, out var runner))
            {
                runner = _spare.Count > 0 ? _spare.Pop() : new Runner();
                _runners[track.Id] = runner;
            }

            runner.Track = track;
            runner.LastSeen = now;
            var (gx, gy) = track.Box.GroundPoint;
            var (x, y) = _ground?.Map(gx, gy) ?? (gx, gy);
            runner.Samples.Add(new TrackSample(now, (float)x, (float)y, track.Box.Height, track.Box.Height));
            runner.Samples.Trim(Window * 3);
            var inside = _zone is null || _zone.Contains(gx, gy);
            Step(runner, inside ? Speed(runner.Samples) : null, now, into);
        }

        foreach (var (id, runner) in _runners)
        {
            if (now - runner.LastSeen >= EndGrace)
            {
                if (runner.Running)
                {
                    into.Add(Signal(RulePhase.Ended, runner, runner.LastFast));
                }

                _gone.Add(id);
            }
        }

        foreach (var id in _gone)
        {
            _runners.Remove(id, out var runner);
            runner!.Reset();
            _spare.Push(runner);
        }

        _gone.Clear();
    }

    private void Step(Runner runner, double? speed, TimeSpan now, List<RuleSignal> into)
    {
        var fast = speed >= _threshold;
        var slow = speed is null || speed < _threshold * SlowFraction;
        if (fast)
        {
            runner.FastSince ??= now;
            runner.LastFast = now;
            runner.SlowSince = null;
            runner.Peak = Math.Max(runner.Peak, speed!.Value);
        }
        else if (slow)
        {
            runner.SlowSince ??= now;
            if (!runner.Running)
            {
                runner.FastSince = null;
                runner.Peak = 0;
            }
        }

        if (!runner.Running)
        {
            if (fast && now - runner.FastSince >= _duration)
            {
                runner.Running = true;
                runner.Key = ++_episodes;
                runner.LastUpdate = now;
                into.Add(Signal(RulePhase.Started, runner, now));
            }
        }
        else if (runner.SlowSince is { } since && now - since >= EndGrace)
        {
            into.Add(Signal(RulePhase.Ended, runner, runner.LastFast));
            runner.Running = false;
            runner.FastSince = null;
            runner.Peak = 0;
        }
        else if (fast && now - runner.LastUpdate >= CameraRuleEngine.UpdateInterval)
        {
            runner.LastUpdate = now;
            into.Add(Signal(RulePhase.Updated, runner, now));
        }
    }

    /// <summary>Displacement between the newest sample and the newest one at least a window older, over their time apart; null without one.</summary>
    private double? Speed(SampleRing samples)
    {
        var newest = samples.Newest;
        for (var i = 1; i < samples.Count; i++)
        {
            var old = samples.FromNewest(i);
            var dt = (newest.Time - old.Time).TotalSeconds;
            if (dt < Window.TotalSeconds)
            {
                continue;
            }

            if (dt > 2 * Window.TotalSeconds)
            {
                return null;   // a gap in the observations: no honest speed
            }

            var speed = Math.Sqrt((newest.X - old.X) * (newest.X - old.X) + (newest.Y - old.Y) * (newest.Y - old.Y)) / dt;
            var height = (newest.Height + old.Height) / 2;
            if (_ground is null && height > 0 && speed / height < MinHeightsPerSecond)
            {
                return Math.Min(speed, _threshold * SlowFraction * 0.999);   // many pixels but few body heights: close to the camera, walking
            }

            return speed;
        }

        return null;
    }

    private RuleSignal Signal(RulePhase phase, Runner runner, TimeSpan now)
    {
        var details = new Dictionary<string, object>
        {
            [_speedKey] = Math.Round(runner.Peak, 2),
            ["duration_s"] = Math.Round((now - (runner.FastSince ?? now)).TotalSeconds, 2),
        };
        if (Identity.ZoneId is { } zone)
        {
            details["zone"] = zone;
        }

        var track = runner.Track;
        return new RuleSignal(phase, runner.Key, track.Id, _filter.ClassName(track.ClassId), track.Box, track.Score, runner.FastSince ?? now, details);
    }

    private sealed class Runner
    {
        public SampleRing Samples { get; } = new();

        public Track Track { get; set; }

        public TimeSpan LastSeen { get; set; }

        public TimeSpan? FastSince { get; set; }

        public TimeSpan? SlowSince { get; set; }

        public TimeSpan LastFast { get; set; }

        public TimeSpan LastUpdate { get; set; }

        public double Peak { get; set; }

        public bool Running { get; set; }

        public long Key { get; set; }

        public void Reset()
        {
            Samples.Clear();
            (FastSince, SlowSince, Peak, Running, Key) = (null, null, 0, false, 0);
        }
    }
}
