using Watchpost.Behaviours;
using Watchpost.Configuration;
using Watchpost.Detection;
using Watchpost.Models;
using Watchpost.Tracking;

namespace Watchpost.Tests.Behaviours;

/// <summary>
/// Builds rules the way the service does (site options through the catalogue and the engine) on one camera
/// "cam", and feeds them crafted tracks frame by frame.
/// </summary>
internal sealed class RuleHarness
{
    public const string Camera = "cam";

    private readonly CameraRuleEngine _engine;

    public RuleHarness(RuleOptions rule, IEnumerable<ZoneOptions>? zones = null, IEnumerable<LineOptions>? lines = null, IRuleArming? arming = null, string timeZone = "UTC", IEnumerable<string>? detectorClasses = null)
    {
        Site = new WatchpostOptions
        {
            Site = new SiteOptions { TimeZone = timeZone },
            Cameras = [new CameraOptions { Id = Camera, Url = "/dev/null" }],
            Zones = [.. zones ?? []],
            Lines = [.. lines ?? []],
            Rules = [rule],
        };
        if (detectorClasses is not null)
        {
            Site.Detector.Classes = [.. detectorClasses];
        }

        WatchpostOptionsLoader.Validate(Site, "test site");
        _engine = new CameraRuleEngine(ConfiguredRule.ForCamera(Site, Camera, CocoLabels.All), arming, ZoneOccupancy.ForCamera(Site, Camera, CocoLabels.All));
    }

    public WatchpostOptions Site { get; }

    /// <summary>The engine's live counts of the site's zones on "cam".</summary>
    public ZoneOccupancy Occupancy => _engine.Occupancy;

    /// <summary>The wall clock schedules are checked against: stream time 0 is this instant.</summary>
    public DateTimeOffset WallClockAtZero { get; init; } = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public static ZoneOptions Square(string id = "lawn", float x = 100, float y = 100, float size = 100) =>
        new() { Id = id, Camera = Camera, Polygon = [[x, y], [x + size, y], [x + size, y + size], [x, y + size]] };

    public static LineOptions Line(string id, float fromX, float fromY, float toX, float toY) =>
        new() { Id = id, Camera = Camera, From = [fromX, fromY], To = [toX, toY] };

    /// <summary>A person whose ground point (bottom-centre) is at (x, y): a 20x40 box.</summary>
    public static Track At(float groundX, float groundY, int id = 1, int classId = 0, bool confirmed = true, bool matched = true, float width = 20, float height = 40) =>
        new(id, new BoundingBox(groundX - width / 2, groundY - height, width, height), classId, 0.9f, confirmed, matched, 5, TimeSpan.Zero);

    /// <summary>An object of COCO class <paramref name="className"/> whose box is <paramref name="width"/> x <paramref name="height"/> with its ground point at (x, y).</summary>
    public static Track Object(string className, float groundX, float groundY, int id, float width = 20, float height = 20, bool matched = true) =>
        At(groundX, groundY, id, CocoLabels.All.ToList().IndexOf(className), matched: matched, width: width, height: height);

    public List<BehaviourEvent> Feed(params (double Seconds, Track[] Tracks)[] frames)
    {
        var fired = new List<BehaviourEvent>();
        foreach (var (seconds, tracks) in frames)
        {
            Step(seconds, tracks, fired);
        }

        return fired;
    }

    public void Step(double seconds, IReadOnlyList<Track> tracks, List<BehaviourEvent> into, MotionField? motion = null) =>
        _engine.Evaluate(new RuleFrame(TimeSpan.FromSeconds(seconds), tracks, motion), WallClockAtZero.AddSeconds(seconds), into);

    public List<BehaviourEvent> Close(double seconds)
    {
        var ended = new List<BehaviourEvent>();
        _engine.CloseAll(TimeSpan.FromSeconds(seconds), ended);
        return ended;
    }
}
