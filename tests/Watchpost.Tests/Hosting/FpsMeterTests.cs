using System.Diagnostics;
using Watchpost.Hosting;

namespace Watchpost.Tests.Hosting;

/// <summary>The frame rate the console shows: frames over the last few one-second samples, starting over when a pipeline restarts.</summary>
public sealed class FpsMeterTests
{
    [Fact]
    public void The_rate_covers_the_last_five_seconds_and_a_restarted_counter_starts_over()
    {
        var meter = new FpsMeter();
        var t = 0L;
        long Second() => t += Stopwatch.Frequency;
        Assert.Equal(0, meter.Fps);
        meter.Sample(0, Second());
        Assert.Equal(0, meter.Fps);   // one sample is no rate yet
        for (var s = 1; s <= 10; s++)
        {
            meter.Sample(s * 10, Second());
        }

        Assert.Equal(10, meter.Fps);
        for (var s = 1; s <= 5; s++)
        {
            meter.Sample(100 + (s * 4), Second());   // it slowed to 4 a second: five samples later only that counts
        }

        Assert.Equal(4, meter.Fps);
        meter.Sample(3, Second());
        Assert.Equal(0, meter.Fps);
        meter.Sample(9, Second());
        Assert.Equal(6, meter.Fps);
    }
}
