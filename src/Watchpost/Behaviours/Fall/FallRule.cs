using Watchpost.Behaviours.Geometry;
using Watchpost.Detection;
using Watchpost.Tracking;

namespace Watchpost.Behaviours.Fall;

/// <summary>
/// Fires when a person goes from upright to down fast and stays down for <c>durationSeconds</c>. Each observation
/// is compared with the person's own standing box (the tallest recent upright box): the drop of the box's top in
/// standing heights, the box's height in standing heights and its width over height. A fall is a drop of at least
/// <see cref="MinDrop"/> to a lying shape within <see cref="MaxTransition"/> of last being up; the person must then
/// stay lying or out of sight (a lying body is often missed by the detector, or found again under a new track id
/// at the same spot) for the duration. The event ends when the person is up again for <see cref="UpHold"/>, or
/// when the tracker drops their track.
/// </summary>
public sealed class FallRule : IBehaviourRule
{
    /// <summary>
    /// Least drop of the top of the box, in standing heights, that counts as going down. Sitting on a chair lowers
    /// the head by about a quarter of the standing height; a body on the floor by two thirds or more.
    /// Half of it (0.15) is the "still up" band: walking, swaying and box jitter stay inside it.
    /// </summary>
    internal const double MinDrop = 0.3;

    /// <summary>A box at least as wide as it is tall is a body lying across the view.</summary>
    internal const double LyingAspect = 1.0;

    /// <summary>A box under half the standing height, after the drop, is a body lying along the view or curled up.</summary>
    internal const double LowRatio = 0.5;

    /// <summary>Width / height below which a box is a standing person's shape (a walking adult is about 0.3 to 0.45).</summary>
    internal const float UprightAspect = 0.45f;

    /// <summary>A person lost from view at over this share of their standing height, still upright-shaped, was hidden, not felled.</summary>
    internal const double OccludedRatio = 0.6;

    /// <summary>
    /// Longest time from the last upright observation to the first down one for it to be a fall: a fall reaches the
    /// ground in well under a second, lying down on purpose (sitting first, then lying back) takes longer.
    /// </summary>
    internal static readonly TimeSpan MaxTransition = TimeSpan.FromSeconds(1.0);

    /// <summary>The standing reference follows a person who walks away (and so looks smaller) after this long.</summary>
    internal static readonly TimeSpan ReferenceMemory = TimeSpan.FromSeconds(2.0);

    /// <summary>How long a fallen person must be seen up again for the event to end (a brief upright box is noise).</summary>
    internal static readonly TimeSpan UpHold = TimeSpan.FromSeconds(0.5);

    /// <summary>A new track within this many standing heights of where a person vanished is taken to be that person.</summary>
    internal const float SpotMargin = 0.5f;

    private readonly TrackFilter _filter;
    private readonly Polygon? _zone;
    private readonly TimeSpan _duration;
    private readonly Dictionary<int, FallWatch> _people = [];
    private readonly Stack<FallWatch> _pool = [];
    private readonly List<int> _release = [];
    private long _frame;
    private long _episodes;

    public FallRule(FallRuleOptions options, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        Identity = context.Identity(options);
        _filter = context.Filter(options);
        _zone = options.Zone is { } zone ? context.Polygon(zone) : null;
        _duration = TimeSpan.FromSeconds(options.DurationSeconds);
    }

    public RuleIdentity Identity { get; }

    public void Evaluate(in RuleFrame frame, List<RuleSignal> into)
    {
        var now = frame.Timestamp;
        _frame++;
        // By index: foreach over the IReadOnlyList would box its enumerator every frame.
        for (var index = 0; index < frame.Tracks.Count; index++)
        {
            var track = frame.Tracks[index];
            if (!_filter.WatchesClass(track.ClassId))
            {
                continue;
            }

            if (_people.TryGetValue(track.Id, out var watch))
            {
                watch.ReportedFrame = _frame;
                if (track.IsMatched)
                {
                    Observe(watch, track, now, into);
                }
            }
            else if (track.IsMatched && _filter.Accepts(track))
            {
                Arrive(track, now, into);
            }
        }

        foreach (var (id, watch) in _people)
        {
            if (watch.ObservedFrame == _frame)
            {
                continue;
            }

            if (watch.ReportedFrame != _frame)
            {
                watch.Gone = true;
            }

            Unseen(watch, now, into);
            // A dropped track is let go once it can no longer be the start of a fall seen under a new id (the fall
            // time), or, for a fall still pending, once it had its chance to fire: a person out of sight stays down.
            if (watch.Gone && (watch.Fired || now - watch.LastObserved > (watch.Onset ? _duration : MaxTransition)))
            {
                if (watch.Fired)
                {
                    into.Add(Signal(RulePhase.Ended, watch, now, "out_of_sight"));
                }

                _release.Add(id);
            }
        }

        foreach (var id in _release)
        {
            _pool.Push(_people[id]);
            _people.Remove(id);
        }

        _release.Clear();
    }

    /// <summary>
    /// A track the rule has not seen: the person who just vanished at this spot under another id, or a new person.
    /// A person already going down takes over any box at the spot (up again ends it); one last seen up only a wide
    /// box, so that a shorter person walking past where someone was hidden is not measured against their height.
    /// </summary>
    private void Arrive(in Track track, TimeSpan now, List<RuleSignal> into)
    {
        var wide = track.Box.Width >= LyingAspect * track.Box.Height;
        FallWatch? orphan = null;
        foreach (var watch in _people.Values)
        {
            if (watch.ObservedFrame != _frame && (watch.Onset || (wide && now - watch.LastObserved <= MaxTransition)) && NearSpot(watch, track.Box) &&
                (orphan is null || watch.LastObserved > orphan.LastObserved))
            {
                orphan = watch;
            }
        }

        if (orphan is null)
        {
            var watch = _pool.Count > 0 ? _pool.Pop() : new FallWatch();
            watch.Start(track, now, _frame);
            _people[track.Id] = watch;
            return;
        }

        _people.Remove(orphan.TrackId);
        orphan.TrackId = track.Id;
        orphan.Gone = false;
        orphan.ReportedFrame = _frame;
        _people[track.Id] = orphan;
        Observe(orphan, track, now, into);
    }

    private static bool NearSpot(FallWatch watch, BoundingBox box)
    {
        var margin = SpotMargin * watch.Reference.Height;
        var spot = watch.LastBox;
        return box.X < spot.Right + margin && box.Right > spot.X - margin && box.Y < spot.Bottom + margin && box.Bottom > spot.Y - margin;
    }

    private void Observe(FallWatch watch, in Track track, TimeSpan now, List<RuleSignal> into)
    {
        var box = track.Box;
        var posture = Classify(watch, box, out var drop, out var ratio);
        var down = watch.Onset || watch.Fired;
        if (!down && ((box.Height >= watch.Reference.Height && posture != FallPosture.Lying) ||
                      (posture == FallPosture.Up && now - watch.ReferenceAt > ReferenceMemory)))
        {
            // Taller (came closer), or upright and the reference is stale (walked away): this is the standing box now.
            watch.Reference = box;
            watch.ReferenceAt = now;
            posture = FallPosture.Up;
            drop = 0;
            ratio = 1;
        }

        watch.ObservedFrame = _frame;
        watch.LastObserved = now;
        watch.LastBox = box;
        watch.LastScore = track.Score;
        watch.LastPosture = posture;
        watch.Falling = false;
        switch (posture)
        {
            case FallPosture.Up:
                watch.LastUp = now;
                watch.BetweenSince = null;
                if (watch.Fired)
                {
                    watch.UpSince ??= now;
                    if (now - watch.UpSince.Value >= UpHold)
                    {
                        into.Add(Signal(RulePhase.Ended, watch, now, "got_up"));
                        watch.ClearEpisode();
                    }
                }
                else
                {
                    watch.ClearEpisode();
                }

                break;

            case FallPosture.Lying:
                watch.UpSince = null;
                watch.BetweenSince = null;
                if (!watch.Onset && now - watch.LastUp <= MaxTransition)
                {
                    BeginFall(watch, now);
                }

                if (watch.Onset)
                {
                    watch.DownSince ??= now;
                    Measure(watch, drop, ratio);
                }

                break;

            default:
                watch.UpSince = null;
                if (watch.Onset && !watch.Fired)
                {
                    // Propped up, sitting or kneeling after going down: not down any more, but not up either.
                    watch.DownSince = null;
                    watch.BetweenSince ??= now;
                    if (now - watch.BetweenSince.Value >= _duration)
                    {
                        watch.ClearEpisode();
                    }
                }
                else if (!watch.Onset)
                {
                    watch.Falling = drop >= MinDrop && now - watch.LastUp <= MaxTransition;
                    if (watch.Falling)
                    {
                        watch.MaxDrop = Math.Max(watch.MaxDrop, drop);
                        watch.MinHeightRatio = Math.Min(watch.MinHeightRatio, ratio);
                    }
                }

                break;
        }

        TryFire(watch, now, seen: true, into);
    }

    /// <summary>No detection of the person this frame: if they were going down, out of sight counts as down.</summary>
    private void Unseen(FallWatch watch, TimeSpan now, List<RuleSignal> into)
    {
        if (!watch.Onset && watch.Falling)
        {
            BeginFall(watch, watch.LastObserved);
        }

        if (watch.Onset && !watch.Fired)
        {
            watch.DownSince ??= watch.LastObserved;
            TryFire(watch, now, seen: false, into);
        }
    }

    private static void BeginFall(FallWatch watch, TimeSpan at)
    {
        watch.Onset = true;
        watch.OnsetAt = at;
        watch.FallSeconds = (at - watch.LastUp).TotalSeconds;
        watch.Falling = false;
    }

    private static void Measure(FallWatch watch, double drop, double ratio)
    {
        watch.MaxDrop = Math.Max(watch.MaxDrop, drop);
        watch.MinHeightRatio = Math.Min(watch.MinHeightRatio, ratio);
    }

    private void TryFire(FallWatch watch, TimeSpan now, bool seen, List<RuleSignal> into)
    {
        if (!watch.Onset || watch.Fired || watch.DownSince is not { } since || now - since < _duration ||
            (seen && watch.LastPosture != FallPosture.Lying))
        {
            return;
        }

        var (x, y) = watch.LastBox.GroundPoint;
        if (_zone is not null && !_zone.Contains(x, y))
        {
            return;
        }

        // Lost while still narrow and most of their height: a walker going behind a sign or a post, not a fall.
        if (!seen && watch.LastBox.Width < UprightAspect * watch.LastBox.Height && watch.MinHeightRatio > OccludedRatio)
        {
            return;
        }

        watch.Fired = true;
        watch.EpisodeKey = ++_episodes;
        into.Add(Signal(RulePhase.Started, watch, now, seen ? "lying" : "out_of_sight"));
    }

    internal static FallPosture Classify(FallWatch watch, BoundingBox box, out double drop, out double ratio)
    {
        var reference = watch.Reference;
        var height = Math.Max(1f, reference.Height);
        drop = (box.Y - reference.Y) / height;
        ratio = box.Height / height;
        var aspect = box.Width / Math.Max(1f, box.Height);
        if (drop < MinDrop / 2)
        {
            return FallPosture.Up;
        }

        return drop >= MinDrop && (aspect >= LyingAspect || ratio <= LowRatio) ? FallPosture.Lying : FallPosture.Between;
    }

    private RuleSignal Signal(RulePhase phase, FallWatch watch, TimeSpan now, string state)
    {
        var reference = watch.Reference;
        var box = watch.LastBox;
        var details = new Dictionary<string, object>
        {
            ["aspect_before"] = Math.Round(reference.Width / Math.Max(1f, reference.Height), 2),
            ["aspect_after"] = Math.Round(box.Width / Math.Max(1f, box.Height), 2),
            ["drop_ratio"] = Math.Round(watch.MaxDrop, 2),
            ["height_ratio"] = Math.Round(watch.MinHeightRatio, 2),
            ["fall_s"] = Math.Round(watch.FallSeconds, 2),
            ["down_s"] = Math.Round((now - watch.OnsetAt).TotalSeconds, 2),
            [phase == RulePhase.Ended ? "ended_by" : "state"] = state,
        };
        if (Identity.ZoneId is { } zone)
        {
            details["zone"] = zone;
        }

        return new RuleSignal(phase, watch.EpisodeKey, watch.TrackId, _filter.ClassName(watch.ClassId), box, watch.LastScore, watch.OnsetAt, details);
    }
}
