using Watchpost.Bench;

namespace Watchpost.Tests.Bench;

public sealed class BenchArithmeticTests
{
    [Fact]
    public void Expected_detections_are_the_detect_rate_times_the_seconds_or_every_frame_offered_at_rate_0()
    {
        Assert.Equal(150, BenchShortfall.Expected(5, 30, framesOffered: 300));
        Assert.Equal(300, BenchShortfall.Expected(0, 30, framesOffered: 300));
    }

    [Fact]
    public void Shortfall_is_one_minus_detected_over_expected_and_never_negative()
    {
        Assert.Equal(0.1, BenchShortfall.Of(135, 150), 9);
        Assert.Equal(0, BenchShortfall.Of(151, 150));
        Assert.Equal(0, BenchShortfall.Of(0, 0));
        Assert.Equal(1, BenchShortfall.Of(0, 150));
    }

    [Fact]
    public void Total_shortfall_weighs_cameras_by_what_they_expected_and_fairness_is_lowest_rate_over_highest()
    {
        // 150 + 50 detected of 150 + 100 expected: 1 - 200 / 250.
        Assert.Equal(0.2, BenchShortfall.Total([(150, 150), (50, 100)]), 9);
        Assert.Equal(0.5, BenchShortfall.Fairness([5, 2.5, 4]), 9);
        Assert.Equal(1, BenchShortfall.Fairness([5, 5]));
        Assert.Equal(0, BenchShortfall.Fairness([0, 0]));
        Assert.Equal(0, BenchShortfall.Fairness([]));
    }

    [Fact]
    public void Ratio_to_physical_divides_by_cores_over_inference_plus_decode_cpu_seconds_per_frame()
    {
        // 2 cores ÷ (0.035 + 0.005) CPU-s per frame = 50 frames/s; 45 detections/s is 0.9 of it.
        var physical = new PhysicalCapacity(0.035, 0.005, 2);
        Assert.Equal(50, physical.PerSecond, 9);
        Assert.Equal(0.9, physical.Ratio(45), 9);
    }

    [Fact]
    public void Decode_cpu_per_frame_comes_from_ffmpegs_last_frame_count_and_its_benchmark_rusage()
    {
        const string stderr = "frame=  400 fps=200 q=-0.0 size=N/A time=00:00:40.00\rframe=  795 fps=210 q=-0.0 Lsize=N/A\n"
            + "bench: utime=3.120s stime=0.855s rtime=3.900s\nbench: maxrss=61264kB\n";
        Assert.Equal((3.120 + 0.855) / 795, PhysicalMeasure.ParseCpuPerFrame(stderr)!.Value, 9);
        Assert.Null(PhysicalMeasure.ParseCpuPerFrame("frame=  795 fps=210\n"));
        Assert.Null(PhysicalMeasure.ParseCpuPerFrame("bench: utime=3.120s stime=0.855s rtime=3.900s\n"));
    }

    [Fact]
    public void Process_cpu_is_utime_plus_stime_in_hundredths_counted_after_the_name_even_with_spaces_in_it()
    {
        const string stat = "4242 (ffmpeg (x) y) S 1 4242 4242 0 -1 4194304 1234 0 0 0 250 75 0 0 20 0 3 0 100 0 0";
        Assert.Equal(3.25, ProcessCpu.Parse(stat)!.Value, 9);
        Assert.Null(ProcessCpu.Parse("garbage"));
        Assert.NotNull(ProcessCpu.Seconds(Environment.ProcessId));
    }

    [Fact]
    public void A_peer_serves_the_cameras_whose_5_detections_a_second_its_cpu_cost_fits_in_the_cores_with_1_percent_to_spare()
    {
        // 40 CPU-ms per detection: 2 cores × 0.99 ÷ (5 × 0.040) = 9.9 cameras, so 9.
        Assert.Equal(9, PeerBenchmark.CamerasAt5Fps(2, 0.040));
        Assert.Equal(10, PeerBenchmark.CamerasAt5Fps(2, 0.0396));
        Assert.Equal(0, PeerBenchmark.CamerasAt5Fps(2, 0));

        // 1 core busy for 25 detections/s = 40 ms each, plus 8 ms of decode per frame it would need.
        var row = PeerBenchmark.Row("b", "bare", 25, 80, 1.0, 0.008, 120);
        Assert.Equal(48, row.CpuMsPerDetection, 9);
        Assert.Equal(PeerBenchmark.CamerasAt5Fps(Environment.ProcessorCount, 0.048), row.CamerasAt5Fps);
    }
}
