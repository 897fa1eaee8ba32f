using Watchpost.Detection;

namespace Watchpost.Behaviours.Fight;

/// <summary>
/// Fires when people close together move violently for <c>durationSeconds</c>: over that window, the mean share of
/// their area that changes between frames (per 40 ms, minus the share of the rest of the frame, so that a shaking
/// camera cancels out) reaches the threshold that <c>sensitivity</c> sets. One event per episode; it ends when the
/// mean falls below half the threshold (the people calmed down or separated).
/// </summary>
public sealed class FightRule : IBehaviourRule
{
    /// <summary>
    /// The threshold at sensitivity 0.5: 3 % more of the people's area changing per 40 ms than in the rest of the
    /// frame. The middle of the plateau 0.02-0.045 where the fights/ clips score best (docs/behaviours.md).
    /// </summary>
    public const double DefaultThreshold = 0.03;

    /// <summary>
    /// Over the window, at least this share of the group's motion (upper plus lower half of its box) must be in the
    /// upper half: fighters swing arms and heads, walkers' motion is mostly their legs (0.4: the upper half moves at
    /// least two thirds as much as the lower).
    /// </summary>
    public const double MinUpperShare = 0.4;

    /// <summary>The episode ends when the mean activity falls below this share of the threshold.</summary>
    private const double EndRatio = 0.5;

    private readonly FightMotion _motion;
    private readonly TimeSpan _duration;
    private readonly double _threshold;
    private readonly Queue<(TimeSpan At, double Activity, double Upper, double Lower)> _window = new();
    private double _sum;
    private double _upper;
    private double _lower;
    private TimeSpan? _firstSeen;
    private long _episode;
    private bool _active;
    private TimeSpan _startedAt;
    private int _reportedPeople;
    private BoundingBox _box;
    private BoundingBox _lastBox;
    private Tracking.Track _main;
    private readonly TrackFilter _filter;

    public FightRule(FightRuleOptions options, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        Identity = context.Identity(options);
        _filter = context.Filter(options);
        _motion = new FightMotion(_filter, options.Zone is { Length: > 0 } zone ? context.Polygon(zone) : null);
        _duration = TimeSpan.FromSeconds(options.DurationSeconds);
        _threshold = ThresholdFor(options.Sensitivity);
    }

    public RuleIdentity Identity { get; }

    public bool NeedsMotion => true;

    /// <summary>The activity needed at <paramref name="sensitivity"/>: the default at 0.5, halved for each 0.25 above, doubled for each 0.25 below.</summary>
    public static double ThresholdFor(double sensitivity) => DefaultThreshold * Math.Pow(2, (0.5 - sensitivity) * 4);

    /// <summary>Mean activity over the last durationSeconds (for tools that tune the threshold).</summary>
    internal double Mean => _window.Count == 0 ? 0 : _sum / _window.Count;

    /// <summary>Share of the window's motion in the upper half of the people's boxes (0 when nothing moved).</summary>
    internal double UpperShare => _upper + _lower <= 0 ? 0 : _upper / (_upper + _lower);

    public void Evaluate(in RuleFrame frame, List<RuleSignal> into)
    {
        if (frame.Motion is not { } motion || motion.Interval <= TimeSpan.Zero)
        {
            return;   // the first frame of a stream has nothing to compare with
        }

        var now = frame.Timestamp;
        _motion.Update(frame.Tracks, frame.Detections, motion);
        if (_motion.Found)
        {
            Push(now, Math.Max(0, _motion.Activity), _motion.Upper, _motion.Lower);
        }
        else
        {
            Push(now, 0, 0, 0);
        }

        if (_motion.Found)
        {
            (_lastBox, _main) = (_motion.Box, _motion.Main);
        }

        // The window must be full before it is judged: a clip's or stream's first frames are not a fight yet.
        _firstSeen ??= now - motion.Interval;
        var full = now - _firstSeen.Value >= _duration;
        var mean = Mean;
        if (!_active && full && mean >= _threshold && UpperShare >= MinUpperShare && _motion.Found)
        {
            (_active, _startedAt, _box, _reportedPeople) = (true, now - _duration, _motion.Box, _motion.People);
            _episode++;
            into.Add(Signal(RulePhase.Started, now, mean));
        }
        else if (_active && mean < EndRatio * _threshold)
        {
            _active = false;
            into.Add(Signal(RulePhase.Ended, now, mean));
        }
        else if (_active && _motion.Found && _motion.People != _reportedPeople)
        {
            (_box, _reportedPeople) = (_motion.Box, _motion.People);
            into.Add(Signal(RulePhase.Updated, now, mean));
        }
    }

    private void Push(TimeSpan now, double activity, double upper, double lower)
    {
        _window.Enqueue((now, activity, upper, lower));
        (_sum, _upper, _lower) = (_sum + activity, _upper + upper, _lower + lower);
        while (_window.Count > 1 && now - _window.Peek().At >= _duration)
        {
            var old = _window.Dequeue();
            (_sum, _upper, _lower) = (_sum - old.Activity, _upper - old.Upper, _lower - old.Lower);
        }
    }

    /// <summary>Mean absolute change of the activity from frame to frame relative to its mean: near 0 for steady motion (walking), near 1 or more for bursts.</summary>
    private double Erratic()
    {
        double change = 0;
        double previous = double.NaN;
        foreach (var (_, activity, _, _) in _window)
        {
            change += double.IsNaN(previous) ? 0 : Math.Abs(activity - previous);
            previous = activity;
        }

        var mean = Mean;
        return _window.Count < 2 || mean <= 0 ? 0 : change / (_window.Count - 1) / mean;
    }

    private RuleSignal Signal(RulePhase phase, TimeSpan now, double mean)
    {
        var box = phase == RulePhase.Ended ? _lastBox : _box;
        // A lone participant seen only as a weak detection has no track to name.
        return new RuleSignal(phase, _episode, _reportedPeople >= 2 || !_main.IsConfirmed ? null : _main.Id, _filter.ClassName(_main.ClassId), box, _main.Score, _startedAt,
            new Dictionary<string, object>
            {
                ["people"] = (long)_reportedPeople,
                ["motion_energy"] = Math.Round(mean, 3),
                ["erratic"] = Math.Round(Erratic(), 2),
                ["upper_share"] = Math.Round(UpperShare, 2),
                ["duration_s"] = Math.Round((now - _startedAt).TotalSeconds, 2),
                ["zone"] = Identity.ZoneId ?? "",
            });
    }
}
