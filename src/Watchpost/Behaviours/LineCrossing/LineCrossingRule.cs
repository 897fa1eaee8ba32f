using Watchpost.Behaviours.Geometry;
using Watchpost.Tracking;

namespace Watchpost.Behaviours.LineCrossing;

/// <summary>
/// Fires when an object's ground point, between two consecutive matched observations of its track, crosses the
/// line segment in the configured direction: an instantaneous event (start and end on the same frame), whose
/// <see cref="RuleSignal.StartedAt"/> is the first observation on the new side. Predicted boxes are ignored.
/// Against jitter on the line, a track's side is committed only once its ground point is clearly away from the
/// line (<see cref="BandFraction"/> of its box height, at least <see cref="MinBandPixels"/>): a track wobbling
/// across the line within that band fires nothing, and crosses once when it leaves the band on the other side.
/// A movement across the line's extension beside the segment changes the side without firing.
/// </summary>
public sealed class LineCrossingRule : IBehaviourRule
{
    /// <summary>Half-width of the band around the line, as a fraction of the box height: above a detector's frame-to-frame wobble of a standing person's feet.</summary>
    public const float BandFraction = 0.08f;

    /// <summary>Smallest band half-width, for small (far) objects.</summary>
    public const float MinBandPixels = 3;

    /// <summary>A track absent from the tracker's list this long is gone: forget it.</summary>
    private static readonly TimeSpan Forget = TimeSpan.FromSeconds(1);

    private readonly LineSegment _line;
    private readonly TrackFilter _filter;
    private readonly bool _aToB;
    private readonly bool _bToA;
    private readonly Dictionary<int, Crossing> _tracks = [];
    private readonly Stack<Crossing> _pool = new();
    private readonly List<int> _remove = [];

    public LineCrossingRule(LineCrossingRuleOptions options, RuleContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        Identity = context.Identity(options);
        var line = context.Line(options.Line);
        _line = new LineSegment((line.From[0], line.From[1]), (line.To[0], line.To[1]));
        _filter = context.Filter(options);
        _aToB = options.Direction is LineCrossingRuleOptions.AToB or LineCrossingRuleOptions.Both;
        _bToA = options.Direction is LineCrossingRuleOptions.BToA or LineCrossingRuleOptions.Both;
    }

    public RuleIdentity Identity { get; }

    public LineSegment Segment => _line;

    public void Evaluate(in RuleFrame frame, List<RuleSignal> into)
    {
        var now = frame.Timestamp;
        var tracks = frame.Tracks;
        for (var i = 0; i < tracks.Count; i++)
        {
            var track = tracks[i];
            if (!_filter.WatchesClass(track.ClassId))
            {
                continue;
            }

            if (!_tracks.TryGetValue(track.Id, out var state))
            {
                if (!track.IsMatched)
                {
                    continue;
                }

                state = _pool.Count > 0 ? _pool.Pop() : new Crossing();
                _tracks[track.Id] = state;
                state.Begin(_line, track, now);
                continue;
            }

            state.Present = now;
            if (track.IsMatched && Observe(state, track, now) is { } side && state.Committed != 0 && side != state.Committed)
            {
                var fromA = state.Committed > 0;
                state.Committed = side;
                if (state.RunCrossed && _filter.Accepts(track) && (fromA ? _aToB : _bToA))
                {
                    var started = new RuleSignal(RulePhase.Started, track.Id, track.Id, _filter.ClassName(track.ClassId), track.Box, track.Score, state.RunStart,
                        new Dictionary<string, object>
                        {
                            ["line"] = Identity.LineId!,
                            ["direction"] = fromA ? LineCrossingRuleOptions.AToB : LineCrossingRuleOptions.BToA,
                            ["speed_px_s"] = Math.Round(state.RunSpeed, 1),
                        });
                    into.Add(started);
                    into.Add(started with { Phase = RulePhase.Ended });
                }
            }
        }

        foreach (var (id, state) in _tracks)
        {
            if (now - state.Present >= Forget)
            {
                _remove.Add(id);
            }
        }

        foreach (var id in _remove)
        {
            _pool.Push(_tracks[id]);
            _tracks.Remove(id);
        }

        _remove.Clear();
    }

    /// <summary>Takes one matched observation; returns the side to commit to when the object is clearly on one, else null.</summary>
    private int? Observe(Crossing state, in Track track, TimeSpan now)
    {
        var (x, y) = track.Box.GroundPoint;
        var side = _line.Side(x, y);
        if (side != 0 && side != state.RunSide)
        {
            // A new run on the other side: remember whether this step went through the segment and when it happened.
            state.RunCrossed = state.RunSide != 0 && _line.Intersects(state.X, state.Y, x, y);
            state.RunSide = side;
            state.RunStart = now;
            var seconds = (now - state.At).TotalSeconds;
            state.RunSpeed = seconds > 0 ? Math.Sqrt(((x - state.X) * (x - state.X)) + ((y - state.Y) * (y - state.Y))) / seconds : 0;
            if (state.Committed == 0)
            {
                state.Committed = side;   // first seen exactly on the line: its first side is where it came from
            }
        }

        state.X = x;
        state.Y = y;
        state.At = now;
        var band = MathF.Max(MinBandPixels, BandFraction * track.Box.Height);
        return state.RunSide != 0 && _line.DistanceToLine(x, y) >= band ? state.RunSide : null;
    }

    /// <summary>One track's recent history against the line.</summary>
    private sealed class Crossing
    {
        public float X { get; set; }

        public float Y { get; set; }

        /// <summary>Time of the observation at (X, Y).</summary>
        public TimeSpan At { get; set; }

        /// <summary>When the track was last in the tracker's list.</summary>
        public TimeSpan Present { get; set; }

        /// <summary>The side the object has clearly been on (+1 a, −1 b, 0 not yet known).</summary>
        public int Committed { get; set; }

        /// <summary>The side of its latest observations (those exactly on the line keep the previous one).</summary>
        public int RunSide { get; set; }

        /// <summary>The first observation on <see cref="RunSide"/>.</summary>
        public TimeSpan RunStart { get; set; }

        /// <summary>Whether the step onto <see cref="RunSide"/> went through the segment (not beside it).</summary>
        public bool RunCrossed { get; set; }

        /// <summary>Ground speed of that step, pixels per second.</summary>
        public double RunSpeed { get; set; }

        public void Begin(LineSegment line, in Track track, TimeSpan now)
        {
            (X, Y) = track.Box.GroundPoint;
            At = now;
            Present = now;
            RunSide = line.Side(X, Y);
            Committed = RunSide;
            RunStart = now;
            RunCrossed = false;
            RunSpeed = 0;
        }
    }
}
