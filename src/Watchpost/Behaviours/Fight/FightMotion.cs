using Watchpost.Behaviours.Geometry;
using Watchpost.Detection;
using Watchpost.Tracking;

namespace Watchpost.Behaviours.Fight;

/// <summary>
/// One frame's fight evidence: the people close together (or one person with a body's worth of motion beside
/// them, the opponent the detector missed), and how much more of their area moves than the rest of the frame.
/// Reuses its buffers frame after frame.
/// </summary>
internal sealed class FightMotion
{
    /// <summary>A cell "moves" when its grey level changed by more than this (0-255) since the previous frame: above sensor noise and moiré.</summary>
    public const int CellThreshold = 16;

    /// <summary>Shares of moving cells are scaled to a 40 ms step (25 fps): a moving edge sweeps an area proportional to the time between frames.</summary>
    public static readonly TimeSpan ReferenceInterval = TimeSpan.FromMilliseconds(40);

    /// <summary>How far beside a person (in person heights) an opponent stands: arm's reach.</summary>
    public const float Reach = 0.5f;

    /// <summary>The strip beside a lone person starts this far (in person heights) from their box, so that their own blur and swinging arms are not taken for a second body.</summary>
    private const float StripGap = 0.1f;

    /// <summary>Two boxes this different in height are a near and a far person overlapping in the image, not two people together.</summary>
    private const float MaxHeightRatio = 2f;

    /// <summary>
    /// A raw person box scoring at least this counts as a participant even without a track: the tracker starts
    /// tracks only from boxes scoring 0.7, and blurred, dim CCTV footage rarely gets there, but above 0.3
    /// YOLOX-Nano's person boxes are still mostly people (below, mostly clutter).
    /// </summary>
    public const float WeakPersonScore = 0.3f;

    /// <summary>A raw box overlapping a participant's track this much (IoU) is that person again.</summary>
    private const float SamePersonOverlap = 0.4f;

    private readonly TrackFilter _filter;
    private readonly Polygon? _zone;
    private readonly List<Track> _people = [];
    private readonly List<int> _parent = [];

    public FightMotion(TrackFilter filter, Polygon? zone) => (_filter, _zone) = (filter, zone);

    /// <summary>Moving share in the best group minus the share in the rest of the frame, per 40 ms; 0 when no one is there.</summary>
    public double Activity { get; private set; }

    /// <summary>Where the best group is (union of the participants' boxes, plus the moving side of a lone person).</summary>
    public BoundingBox Box { get; private set; }

    /// <summary>Tracked people in the best group (1 when the opponent is only seen as motion).</summary>
    public int People { get; private set; }

    /// <summary>The largest participant of the best group.</summary>
    public Track Main { get; private set; }

    /// <summary>Share of the whole frame that moves, per 40 ms: high when the camera shakes.</summary>
    public double Background { get; private set; }

    public bool Found => People > 0;

    /// <summary>Share of moving cells in the upper half of the best group's box (arms, heads), per 40 ms.</summary>
    public double Upper { get; private set; }

    /// <summary>Share of moving cells in the lower half of the best group's box (legs: high for walkers), per 40 ms.</summary>
    public double Lower { get; private set; }

    /// <summary>Tracked people in the best group (the rest of <see cref="People"/> are weak detections).</summary>
    public int Tracked { get; private set; }

    public void Update(IReadOnlyList<Track> tracks, IReadOnlyList<DetectedObject>? detections, MotionField motion)
    {
        (Activity, People, Box, Main, Background, Upper, Lower, Tracked) = (0, 0, default, default, 0, 0, 0, 0);
        _people.Clear();
        for (var i = 0; i < tracks.Count; i++)   // indexed: no enumerator allocated per frame
        {
            var track = tracks[i];
            if (_filter.Accepts(track) && Inside(track.Box))
            {
                _people.Add(track);
            }
        }

        var tracked = _people.Count;
        for (var i = 0; detections is not null && i < detections.Count; i++)
        {
            // A weak box stands for a person the tracker has not confirmed: id 0 and unconfirmed mark it as such.
            var detection = detections[i];
            var person = new Track(0, detection.Box, detection.ClassId, detection.Score, IsConfirmed: true, IsMatched: true, Hits: 1, FirstSeen: TimeSpan.Zero);
            if (detection.Score >= WeakPersonScore && _filter.Accepts(person) && Inside(detection.Box) && !Known(detection.Box, tracked))
            {
                _people.Add(person with { IsConfirmed = false });
            }
        }

        var norm = Math.Clamp(ReferenceInterval / motion.Interval, 0.25, 4);
        var wholeMoving = motion.CountAbove(new BoundingBox(0, 0, motion.Width * motion.Scale, motion.Height * motion.Scale), CellThreshold, out var wholeCells);
        Background = wholeCells == 0 ? 0 : norm * wholeMoving / wholeCells;
        if (_people.Count == 0)
        {
            return;
        }

        Group();
        for (var root = 0; root < _people.Count; root++)
        {
            if (_parent[root] == root)
            {
                Score(root, motion, norm, wholeMoving, wholeCells);
            }
        }
    }

    private bool Inside(BoundingBox box)
    {
        var (x, y) = box.GroundPoint;
        return box.Height > 0 && (_zone is null || _zone.Contains(x, y));
    }

    /// <summary>Whether a raw box is one of the first <paramref name="tracked"/> participants (a tracked person) again.</summary>
    private bool Known(BoundingBox box, int tracked)
    {
        for (var i = 0; i < tracked; i++)
        {
            if (Overlap(box, _people[i].Box) >= SamePersonOverlap)
            {
                return true;
            }
        }

        return false;
    }

    internal static float Overlap(BoundingBox a, BoundingBox b)
    {
        var w = Math.Min(a.Right, b.Right) - Math.Max(a.X, b.X);
        var h = Math.Min(a.Bottom, b.Bottom) - Math.Max(a.Y, b.Y);
        if (w <= 0 || h <= 0)
        {
            return 0;
        }

        var inter = w * h;
        return inter / ((a.Width * a.Height) + (b.Width * b.Height) - inter);
    }

    /// <summary>Joins people within arm's reach of each other (union-find over the few people on screen).</summary>
    private void Group()
    {
        _parent.Clear();
        for (var i = 0; i < _people.Count; i++)
        {
            _parent.Add(i);
        }

        for (var i = 0; i < _people.Count; i++)
        {
            for (var j = i + 1; j < _people.Count; j++)
            {
                if (Close(_people[i].Box, _people[j].Box))
                {
                    _parent[Find(j)] = Find(i);
                }
            }
        }

        for (var i = 0; i < _people.Count; i++)
        {
            _parent[i] = Find(i);
        }
    }

    private int Find(int i)
    {
        while (_parent[i] != i)
        {
            i = _parent[i] = _parent[_parent[i]];
        }

        return i;
    }

    internal static bool Close(BoundingBox a, BoundingBox b)
    {
        var (small, large) = a.Height < b.Height ? (a.Height, b.Height) : (b.Height, a.Height);
        if (large > MaxHeightRatio * small)
        {
            return false;
        }

        // Within reach side by side, and standing at about the same depth (ground points near in y).
        var reach = Reach * (a.Height + b.Height) / 2;
        var gap = Math.Max(a.X, b.X) - Math.Min(a.Right, b.Right);
        return gap <= reach && Math.Abs(a.Bottom - b.Bottom) <= reach;
    }

    private void Score(int root, MotionField motion, double norm, int wholeMoving, int wholeCells)
    {
        var members = 0;
        var tracked = 0;
        BoundingBox box = default;
        Track main = default;
        for (var i = 0; i < _people.Count; i++)
        {
            if (_parent[i] == root)
            {
                var person = _people[i];
                box = members++ == 0 ? person.Box : Union(box, person.Box);
                tracked += person.IsConfirmed ? 1 : 0;
                main = (person.IsConfirmed && !main.IsConfirmed) || (person.IsConfirmed == main.IsConfirmed && person.Box.Height > main.Box.Height) ? person : main;
            }
        }

        double share;
        if (members >= 2)
        {
            share = Share(motion, box, out var moving, out var cells);
            share -= Outside(wholeMoving - moving, wholeCells - cells);
        }
        else
        {
            // Alone on screen: the person must move and so must a body-sized strip beside them (the opponent).
            var reach = Reach * box.Height;
            var gap = StripGap * box.Height;
            var left = new BoundingBox(box.X - reach, box.Y, reach - gap, box.Height);
            var right = new BoundingBox(box.Right + gap, box.Y, reach - gap, box.Height);
            var own = Share(motion, box, out _, out _);
            var leftShare = Share(motion, left, out _, out _);
            var rightShare = Share(motion, right, out _, out _);
            var side = leftShare >= rightShare ? left : right;
            box = Union(box, side);
            var region = Share(motion, box, out var moving, out var cells);
            share = Math.Min(own, Math.Max(leftShare, rightShare));
            share = Math.Min(share, region) - Outside(wholeMoving - moving, wholeCells - cells);
        }

        var activity = norm * share;
        if (People == 0 || activity > Activity)
        {
            (Activity, Box, People, Main, Tracked) = (activity, box, members, main, tracked);
            var half = box with { Height = box.Height / 2 };
            Upper = norm * Share(motion, half, out _, out _);
            Lower = norm * Share(motion, half with { Y = box.Y + half.Height }, out _, out _);
        }
    }

    private static double Share(MotionField motion, BoundingBox box, out int moving, out int cells)
    {
        moving = motion.CountAbove(box, CellThreshold, out cells);
        return cells == 0 ? 0 : (double)moving / cells;
    }

    private static double Outside(int moving, int cells) => cells <= 0 ? 0 : (double)moving / cells;

    internal static BoundingBox Union(BoundingBox a, BoundingBox b) =>
        BoundingBox.FromCorners(Math.Min(a.X, b.X), Math.Min(a.Y, b.Y), Math.Max(a.Right, b.Right), Math.Max(a.Bottom, b.Bottom));
}
