using System.Diagnostics;

namespace Watchpost.Tests.Ingest;

/// <summary>Waits on a condition instead of sleeping a fixed time.</summary>
internal static class Poll
{
    public static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> because)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"waited {timeout.TotalSeconds:0.#} s: {because()}");
            }

            await Task.Delay(20);
        }
    }
}
