using OpenCvSharp;
using Watchpost.Detection;
using Watchpost.Events;
using Watchpost.Mqtt;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Events;

/// <summary>Real footage frames and candidates shaped like what the behaviour stage hands over.</summary>
internal static class EventTestData
{
    private static readonly Lazy<Mat> Frame = new(() =>
    {
        using var capture = new VideoCapture(TestAssets.Video);
        var frame = new Mat();
        Assert.True(capture.Read(frame) && !frame.Empty(), $"cannot read a frame of {TestAssets.Video}");
        return frame;
    });

    /// <summary>The first frame of vtest.avi (768x576 BGR). Shared: clone it, do not dispose it.</summary>
    public static Mat FootageFrame => Frame.Value;

    public static readonly BoundingBox PersonBox = new(340.4f, 180.2f, 42.6f, 110.9f);

    public static AlertMessageFactory Alerts(string deviceId = "test-box") => new("watchpost", deviceId, "http://10.0.0.9:8080/");

    /// <summary>The alert for each new event (and a lifecycle message per change when asked).</summary>
    public static TestMessageComposer Composer(string deviceId = "test-box", bool lifecycle = false) => new(Alerts(deviceId), lifecycle);

    /// <summary>A recorder on <paramref name="store"/> with the test composer, the real renderer and a feed of its own unless given.</summary>
    public static EventRecorder Recorder(IEventStore store, RecordingLog log, EventFeed? feed = null, EventRecorderSettings? settings = null,
        IEventMessageComposer? composer = null, ISnapshotRenderer? renderer = null, StorageSpace? space = null, HeldEvents? held = null) =>
        new(store, composer ?? Composer(), renderer ?? new SnapshotRenderer(), feed ?? new EventFeed(), log.For<EventRecorder>(),
            settings: settings, space: space, held: held);

    public static EventCandidate Candidate(int trackId = 17, string camera = "gate-1", DateTimeOffset? startedAt = null, bool withFrame = true)
    {
        var now = DateTimeOffset.UtcNow;
        return new EventCandidate(withFrame ? FootageFrame.Clone() : null)
        {
            Type = "intrusion",
            RuleId = "night-intrusion",
            Severity = "high",
            CameraId = camera,
            ZoneId = "lobby",
            ClassName = "person",
            TrackId = trackId,
            Score = 0.8312f,
            Box = PersonBox,
            StreamTimestamp = TimeSpan.FromSeconds(12.4),
            StartedAt = startedAt ?? now.AddSeconds(-2.4),
            FrameReceivedAt = now,
            Details = new Dictionary<string, object> { ["duration_s"] = 2.4 },
        };
    }

    public static SecurityEvent Event(string id, DateTime startedAt, string camera = "gate-1", string? snapshotId = null) => new(
        Id: id,
        StartedAt: startedAt,
        RecordedAt: startedAt.AddSeconds(2.5),
        StreamTimestamp: TimeSpan.FromMilliseconds(12_400),
        CameraId: camera,
        ZoneId: "lobby",
        RuleId: "night-intrusion",
        Type: "intrusion",
        Severity: "high",
        ClassName: "person",
        TrackId: 17,
        Score: 0.83f,
        Box: PersonBox,
        SnapshotId: snapshotId,
        State: EventState.New,
        Details: new Dictionary<string, object> { ["duration_s"] = 2.4 });
}
