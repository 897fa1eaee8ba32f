
using Watchpost.Bench;
using Watchpost.Detection.Runtime;
using Watchpost.Tests.Detection;

namespace Watchpost.Tests.Bench;

public class InferenceCeilingTests
{
    [Fact]
    public void Measures_both_ways_of_running_the_model_and_reports_the_better()
    {
        var result = InferenceCeiling.Measure(RealDetector.Model.Path, RealDetector.PersonSettings(), TimeSpan.FromMilliseconds(400), cores: 2);

        // Rates only need to be real here; their values belong to `watchpost model bench`, not to a pass/fail test.
        Assert.Equal(2, result.Cores);
        Assert.Equal(ExecutionProvider.Cpu, result.Provider);
        Assert.True(result.SingleSessionPerSecond > 1, result.ToString());
        Assert.True(result.SessionPerCorePerSecond > 1, result.ToString());
        Assert.Equal(Math.Max(result.SingleSessionPerSecond, result.SessionPerCorePerSecond), result.BestPerSecond);
    }
}
