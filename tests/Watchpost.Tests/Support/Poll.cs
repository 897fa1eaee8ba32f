using System.Diagnostics;

namespace Watchpost.Tests.Support;

/// <summary>Waits on a condition instead of sleeping a fixed time.</summary>
public static class Poll
{
    /// <returns>True when the condition held before the timeout.</returns>
    public static async Task<bool> UntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(10);
        }

        return true;
    }

    public static async Task<bool> UntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                return false;
            }

            await Task.Delay(10);
        }

        return true;
    }

    /// <summary>Fails the test, saying <paramref name="because"/>, when the condition does not hold before the timeout.</summary>
    public static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> because)
    {
        if (!await UntilAsync(condition, timeout))
        {
            Assert.Fail($"waited {timeout.TotalSeconds:0.#} s: {because()}");
        }
    }
}
