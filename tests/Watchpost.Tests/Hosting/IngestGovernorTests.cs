using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Watchpost.Configuration;
using Watchpost.Hosting;
using Watchpost.Ingest;

namespace Watchpost.Tests.Hosting;

/// <summary>
/// The governor's decisions, second by second, on cameras whose rates the test sets: it lowers every reader to
/// the share the detector serves, raises it while the detector keeps up, and never returns to a rate that
/// overloaded it. (The ffmpeg side, a reader that really restarts at the lower rate, is in FfmpegReductionTests.)
/// </summary>
public sealed class IngestGovernorTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void An_overloaded_box_reads_every_camera_at_the_share_the_detector_serves_with_key_frames_only()
    {
        var cameras = Cameras(20);
        var governor = Governor();
        // 20 cameras offer 100 frames/s at 5 fps; the detector takes 16.
        Run(governor, cameras, seconds: 20, detected: 0.8, dropped: 4.2);

        Assert.Equal(0.8, governor.Rate);
        Assert.All(cameras, c => Assert.Equal(new IngestReduction(0.8, KeyFramesOnly: true), c.Reduction));
    }

    [Fact]
    public void Nothing_changes_in_the_first_hold_or_while_the_detector_keeps_up_at_full_rate()
    {
        var cameras = Cameras(4);
        var governor = Governor();
        Run(governor, cameras, seconds: 10, detected: 1, dropped: 4); // start-up: sessions warm, cameras connect
        Assert.Null(governor.Rate);

        var keepingUp = Cameras(4);
        var second = Governor();
        Run(second, keepingUp, seconds: 60, detected: 5, dropped: 0.01);
        Assert.Null(second.Rate);
        Assert.All(keepingUp, c => Assert.Equal(0, c.Reductions));
    }

    [Fact]
    public void A_reduced_rate_is_raised_while_the_detector_keeps_up_and_the_readers_go_back_to_their_own_rate()
    {
        var cameras = Cameras(10);
        var governor = Governor();
        Run(governor, cameras, seconds: 20, detected: 2, dropped: 3);
        Assert.Equal(2, governor.Rate);
        Assert.All(cameras, c => Assert.False(c.Reduction!.KeyFramesOnly)); // above 1 fps every frame is decoded

        var rates = new List<double?>();
        for (var step = 0; step < 8; step++)
        {
            Run(governor, cameras, seconds: 15, detected: governor.Rate ?? 5, dropped: 0);
            rates.Add(governor.Rate);
        }

        Assert.Equal([2.5, 3.1, 3.8, 4.7, null, null, null, null], rates);
        Assert.All(cameras, c => Assert.Null(c.Reduction));
    }

    [Fact]
    public void A_rate_that_overloaded_the_detector_is_not_tried_again_for_five_minutes()
    {
        var cameras = Cameras(10);
        var governor = Governor();
        Run(governor, cameras, seconds: 20, detected: 2, dropped: 3);
        Run(governor, cameras, seconds: 15, detected: 2, dropped: 0);
        Assert.Equal(2.5, governor.Rate);
        Run(governor, cameras, seconds: 15, detected: 2.1, dropped: 0.4); // 2.5 is too much
        Assert.Equal(2.1, governor.Rate);

        var rates = new List<double?>();
        for (var step = 0; step < 10; step++)
        {
            Run(governor, cameras, seconds: 15, detected: governor.Rate ?? 5, dropped: 0);
            rates.Add(governor.Rate);
        }

        // 2.1 -> 2.6 would be at or above 2.5: held until the five minutes are over.
        Assert.All(rates.Take(8), r => Assert.Equal(2.1, r));
        Run(governor, cameras, seconds: 160, detected: 2.1, dropped: 0);
        Assert.True(governor.Rate > 2.1, $"rate {governor.Rate} after the ceiling expired");
    }

    [Fact]
    public void Still_overloaded_at_a_reduced_rate_goes_lower_but_never_below_min_fps()
    {
        var cameras = Cameras(40);
        var governor = Governor(new DetectorOverloadOptions { MinFps = 0.5 });
        Run(governor, cameras, seconds: 20, detected: 0.3, dropped: 4.7);
        Assert.Equal(0.5, governor.Rate);

        Run(governor, cameras, seconds: 15, detected: 0.3, dropped: 0.2);
        Assert.Equal(0.5, governor.Rate);
        Assert.All(cameras, c => Assert.Equal(new IngestReduction(0.5, KeyFramesOnly: true), c.Reduction));
    }

    [Fact]
    public void A_camera_whose_key_frames_are_too_sparse_for_the_rate_decodes_every_frame_and_the_others_stay_key_only()
    {
        var cameras = Cameras(10);
        var governor = Governor();
        Run(governor, cameras, seconds: 20, detected: 0.9, dropped: 4.1);
        Assert.Equal(0.9, governor.Rate);

        // cam-0 sends a key frame every 4 s; the others every second.
        Run(governor, cameras, seconds: 16, detected: 0.9, dropped: 0.05, readFps: c => c.CameraId == "cam-0" ? 0.25 : 0.9);

        Assert.Equal(new IngestReduction(0.9, KeyFramesOnly: false), cameras[0].Reduction);
        Assert.All(cameras.Skip(1), c => Assert.Equal(new IngestReduction(0.9, KeyFramesOnly: true), c.Reduction));
    }

    [Fact]
    public void With_reduce_ingest_off_the_readers_are_never_reduced()
    {
        var cameras = Cameras(20);
        var governor = Governor(new DetectorOverloadOptions { ReduceIngest = false });
        Run(governor, cameras, seconds: 60, detected: 0.5, dropped: 4.5);

        Assert.Null(governor.Rate);
        Assert.All(cameras, c => Assert.Equal(0, c.Reductions));
    }

    private IngestGovernor Governor(DetectorOverloadOptions? options = null) => new(options ?? new DetectorOverloadOptions(), NullLogger.Instance, _time);

    /// <summary>Ticks once a second for <paramref name="seconds"/>, each camera detecting and dropping at the given rates.</summary>
    private void Run(IngestGovernor governor, List<RecordingSource> cameras, int seconds, double detected, double dropped, Func<RecordingSource, double>? readFps = null)
    {
        for (var s = 0; s < seconds; s++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            governor.Tick([.. cameras.Select(c => new GovernedCamera(c.Camera, c, readFps?.Invoke(c) ?? detected + dropped, detected, dropped))]);
        }
    }

    private static List<RecordingSource> Cameras(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new RecordingSource(new CameraOptions { Id = $"cam-{i}", Url = $"rtsp://10.0.0.{i + 1}/s", DetectFps = 5 }))];

    /// <summary>A network camera's reader as far as the governor sees it: it takes every reduction and counts them.</summary>
    private sealed class RecordingSource(CameraOptions camera) : IFrameSource
    {
        public CameraOptions Camera => camera;
        public string CameraId => camera.Id;
        public CameraState State => CameraState.Streaming;
        public string? LastError => null;
        public CameraCounters Counters { get; } = new();
        public ChannelReader<VideoFrame> Frames => Channel.CreateUnbounded<VideoFrame>().Reader;
        public IngestReduction? Reduction { get; private set; }
        public int Reductions { get; private set; }

        public bool TryReduce(IngestReduction? reduction)
        {
            if (reduction != Reduction)
            {
                Reductions++;
                Reduction = reduction;
            }

            return true;
        }

        public void Start(CancellationToken cancellationToken)
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
