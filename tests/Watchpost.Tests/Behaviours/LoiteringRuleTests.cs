using Watchpost.Behaviours;
using Watchpost.Behaviours.Loitering;
using Watchpost.Tracking;
using static Watchpost.Tests.Behaviours.RuleHarness;

namespace Watchpost.Tests.Behaviours;

public class LoiteringRuleTests
{
    private static RuleHarness Rule(double dwell, double cooldown = 0) =>
        new(new LoiteringRuleOptions { Id = "r", Zone = "lawn", DwellSeconds = dwell, CooldownSeconds = cooldown }, [Square()]);

    /// <summary>
    /// Person 1, one frame every 0.2 s from 0 to <paramref name="until"/>: inside and wandering about, except
    /// outside (y 250) from each gap's start for its length; then outside for good.
    /// </summary>
    private static (double, Track[])[] Visit(double until, params (double From, double Length)[] gaps)
    {
        var frames = new List<(double, Track[])>();
        for (var i = 0; i * 0.2 <= until + 2; i++)
        {
            var t = Math.Round(i * 0.2, 3);
            var outside = t > until || gaps.Any(g => t >= g.From && t < g.From + g.Length);
            frames.Add((t, [outside ? At(150, 250) : At(120 + (i % 10) * 6, 150)]));
        }

        return [.. frames];
    }

    private static double[] Starts(List<BehaviourEvent> events) =>
        [.. events.Where(e => e.Phase == RulePhase.Started).Select(e => Math.Round(e.Timestamp.TotalSeconds, 3))];

    [Theory]
    [InlineData(5, 8, 0, 0, new[] { 5.0 })]       // stays 8 s: loitering at 5 s
    [InlineData(5, 4.6, 0, 0, new double[0])]     // leaves before the dwell
    [InlineData(5, 8, 3, 0.6, new[] { 5.0 })]     // steps out for 0.6 s: the same stay
    [InlineData(5, 12, 3, 1.6, new[] { 9.6 })]    // out for 1.6 s: a new stay from 4.6 s
    [InlineData(2, 8, 3, 1.6, new[] { 2.0, 6.6 })] // two stays, each long enough: two events
    public void Dwell_is_counted_within_one_stay(double dwell, double until, double gapFrom, double gapLength, double[] expected) =>
        Assert.Equal(expected, Starts(Rule(dwell).Feed(Visit(until, (gapFrom, gapLength)))));

    [Fact]
    public void One_loitering_person_is_one_event_that_updates_and_ends_with_the_final_dwell()
    {
        var events = Rule(5).Feed(Visit(8.4));

        Assert.Equal(RulePhase.Started, events[0].Phase);
        Assert.Equal(RulePhase.Ended, events[^1].Phase);
        Assert.All(events, e => Assert.Equal(events[0].EventId, e.EventId));
        var updates = events.Where(e => e.Phase == RulePhase.Updated).ToList();
        Assert.Equal([6.0, 7.0, 8.0], updates.Select(e => Math.Round(e.Timestamp.TotalSeconds, 3)));
        Assert.Equal([6.0, 7.0, 8.0], updates.Select(e => (double)e.Signal.Details["dwell_s"]));
        Assert.Equal(8.4, (double)events[^1].Signal.Details["dwell_s"], 3);   // entered at 0, last inside at 8.4
        Assert.Equal(TimeSpan.Zero, events[0].Signal.StartedAt);
    }

    [Fact]
    public void Standing_still_loiters_too_and_a_prediction_does_not_fire()
    {
        var still = Rule(1).Feed((0, [At(150, 150)]), (0.5, [At(150, 150)]), (1, [At(150, 150)]));
        Assert.Equal([1.0], Starts(still));

        var predicted = Rule(1).Feed((0, [At(150, 150)]), (1, [At(150, 150, matched: false)]), (1.2, [At(150, 150)]));
        Assert.Equal([1.2], Starts(predicted));
    }

    [Fact]
    public void Two_people_loiter_separately()
    {
        var events = Rule(1).Feed((0, [At(150, 150, id: 1)]), (1, [At(150, 150, id: 1), At(120, 120, id: 2)]), (2, [At(150, 150, id: 1), At(120, 120, id: 2)]));

        Assert.Equal([1, 2], events.Where(e => e.Phase == RulePhase.Started).Select(e => e.Signal.TrackId ?? 0));
    }
}
