using System.Text.Json;
using Watchpost.Evaluation;

namespace Watchpost.Tests.Evaluation;

public class MotResultTests
{
    [Fact]
    public void Json_has_exactly_the_seven_keys()
    {
        var report = new MotMetricsReport(
            Frames: 2, GroundTruthCount: 10, HypothesisCount: 9, Matches: 8, FalsePositives: 1, Misses: 2, IdSwitches: 1,
            IouSum: 6, IdTruePositives: 7, GroundTruthTrajectories: 2, HypothesisTrajectories: 3);

        using var json = JsonDocument.Parse(MotResult.From(report, fps: 42.5).ToJson());

        var keys = json.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["mota", "motp", "idf1", "id_switches", "precision", "recall", "fps"], keys);
        Assert.Equal(0.6, json.RootElement.GetProperty("mota").GetDouble(), 9);
        Assert.Equal(0.75, json.RootElement.GetProperty("motp").GetDouble(), 9);
        Assert.Equal(14.0 / 19, json.RootElement.GetProperty("idf1").GetDouble(), 9);
        Assert.Equal(1, json.RootElement.GetProperty("id_switches").GetInt32());
        Assert.Equal(8.0 / 9, json.RootElement.GetProperty("precision").GetDouble(), 9);
        Assert.Equal(0.8, json.RootElement.GetProperty("recall").GetDouble(), 9);
        Assert.Equal(42.5, json.RootElement.GetProperty("fps").GetDouble(), 9);
    }
}
