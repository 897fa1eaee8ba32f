using Watchpost.Behaviours.Geometry;
using Watchpost.Detection;

namespace Watchpost.Behaviours.Gathering;

/// <summary>
/// Fires when at least <c>count</c> distinct objects have been inside the zone together for
/// <c>durationSeconds</c>: one event per episode, about the group (no track id; the box is the union of the
/// members' boxes). Members are <see cref="ZoneStays"/>' open stays seen in the last second, so one member
/// flickering at the edge or missed for a frame still counts in the head count that the event reports. Timing
/// is on sightings: the episode starts once <c>count</c> members were seen inside on one frame
/// <c>durationSeconds</c> after the head count first reached <c>count</c>, updates when the head count changes,
/// and ends once no frame has shown <c>count</c> members for <see cref="EndGrace"/>, so a group that loses a
/// member for a moment (occlusion, detector misses) stays one episode.
/// </summary>
public sealed class GatheringRule : IBehaviourRule
{
    /// <summary>How long the group must be too small before the episode ends.</summary>
    public static readonly TimeSpan EndGrace = TimeSpan.FromSeconds(2);

    private readonly ZoneStays _stays;
    private readonly int _count;
    private readonly TimeSpan _duration;
    private readonly string _className;

    private long _episode;
    private bool _active;
    private TimeSpan? _since;       // when the present count last reached _count (the episode's start)
    private TimeSpan _lastFull;     // the last frame on which _count members were seen inside
    private int _reported;          // the count the last signal carried
    private int _maxCount;

    public GatheringRule(GatheringRuleOptions options, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        Identity = context.Identity(options);
        _stays = new ZoneStays(context.Polygon(options.Zone), context.Filter(options), ZoneRules.ExitGrace);
        _count = options.Count;
        _duration = TimeSpan.FromSeconds(options.DurationSeconds);
        _className = string.Join(",", options.Classes);
    }

    public RuleIdentity Identity { get; }

    public void Evaluate(in RuleFrame frame, List<RuleSignal> into)
    {
        var now = frame.Timestamp;
        _stays.Update(frame);
        var (present, seen) = Count(now);
        if (seen >= _count)
        {
            _lastFull = now;
        }

        if (!_active)
        {
            if (present < _count)
            {
                _since = null;
                return;
            }

            _since ??= now;
            if (seen >= _count && _lastFull - _since.Value >= _duration)
            {
                _active = true;
                _episode++;
                _reported = present;
                _maxCount = present;
                into.Add(Signal(RulePhase.Started, present, now));
            }

            return;
        }

        if (now - _lastFull >= EndGrace)
        {
            _active = false;
            into.Add(Signal(RulePhase.Ended, present, _lastFull));
            _since = null;
            return;
        }

        if (present != _reported)
        {
            _reported = present;
            _maxCount = Math.Max(_maxCount, present);
            into.Add(Signal(RulePhase.Updated, present, now));
        }
    }

    /// <summary>
    /// Present: members seen within the last second (a lost track's prediction keeps its stay open for the
    /// tracker's lost buffer, and counting it would count one person twice when they come back under a new id).
    /// Seen: members matched inside the zone on this very frame.
    /// </summary>
    private (int Present, int Seen) Count(TimeSpan now)
    {
        var present = 0;
        var seen = 0;
        foreach (var stay in _stays.OpenStays)
        {
            if (now - stay.LastMatched < ZoneRules.ExitGrace)
            {
                present++;
                if (stay.LastMatched == now && stay.LeftAt is null)
                {
                    seen++;
                }
            }
        }

        return (present, seen);
    }

    private RuleSignal Signal(RulePhase phase, int count, TimeSpan until)
    {
        var box = default(BoundingBox);
        var score = 0f;
        var any = false;
        foreach (var stay in _stays.OpenStays)
        {
            if (until - stay.LastMatched >= ZoneRules.ExitGrace && phase != RulePhase.Ended)
            {
                continue;
            }

            box = any ? Union(box, stay.Track.Box) : stay.Track.Box;
            score = Math.Max(score, stay.Track.Score);
            any = true;
        }

        return new RuleSignal(phase, _episode, null, _className, box, score, _since ?? until, new Dictionary<string, object>
        {
            ["zone"] = Identity.ZoneId!,
            ["count"] = (long)count,
            ["max_count"] = (long)_maxCount,
            ["duration_s"] = Math.Round((until - (_since ?? until)).TotalSeconds, 2),
        });
    }

    private static BoundingBox Union(in BoundingBox a, in BoundingBox b)
    {
        var left = Math.Min(a.X, b.X);
        var top = Math.Min(a.Y, b.Y);
        return new BoundingBox(left, top, Math.Max(a.X + a.Width, b.X + b.Width) - left, Math.Max(a.Y + a.Height, b.Y + b.Height) - top);
    }
}
