using Watchpost.Behaviours;
using Watchpost.Behaviours.ZoneExit;
using Watchpost.Tracking;
using static Watchpost.Tests.Behaviours.RuleHarness;

namespace Watchpost.Tests.Behaviours;

public class ZoneExitRuleTests
{
    private static RuleHarness Rule(double cooldown = 0) =>
        new(new ZoneExitRuleOptions { Id = "r", Zone = "lawn", CooldownSeconds = cooldown }, [Square()]);

    /// <summary>One frame every 0.2 s: outside (o), inside (i), predicted outside (p), just outside the edge (e) or absent (-).</summary>
    private static (double, Track[])[] Frames(string steps) =>
        [.. steps.Split(' ').Select((s, i) => (i * 0.2, s switch
        {
            "o" => new[] { At(150, 250) },
            "i" => [At(150, 150)],
            "p" => [At(150, 250, matched: false)],
            "e" => [At(150, 205)],
            _ => [],
        }))];

    private static List<BehaviourEvent> Starts(List<BehaviourEvent> events) => [.. events.Where(e => e.Phase == RulePhase.Started)];

    [Theory]
    [InlineData("i i o o o o o o o", new[] { 0.4 })]               // walks out; known a second after the last sighting inside
    [InlineData("i i - - - - - - - -", new double[0])]               // lost from view inside: not seen leaving
    [InlineData("i i p p p p p p p p", new double[0])]               // only predicted outside
    [InlineData("i e i e i o o o o o o o", new[] { 1.0 })]           // flickering at the edge, then out: one exit, at the last step out
    [InlineData("i o o o o o o i i o o o o o o", new[] { 0.2, 1.8 })] // out, back in, out again
    [InlineData("o o o o o o o", new double[0])]                      // never inside
    public void Exits_are_from_inside_to_outside(string steps, double[] leftAt) =>
        Assert.Equal(leftAt, Starts(Rule().Feed(Frames(steps))).Select(e => Math.Round(e.Signal.StartedAt.TotalSeconds, 3)));

    [Fact]
    public void An_exit_is_reported_once_the_grace_has_passed_and_starts_and_ends_together()
    {
        var events = Rule().Feed(Frames("i i o o o o o o o"));

        Assert.Equal([RulePhase.Started, RulePhase.Ended], events.Select(e => e.Phase));
        Assert.Equal(events[0].EventId, events[1].EventId);
        Assert.Equal(1.2, events[0].Timestamp.TotalSeconds, 3);   // last inside at 0.2, grace 1 s
        Assert.Equal(0.2, (double)events[0].Signal.Details["dwell_s"], 3);
        Assert.Equal(250, events[0].Signal.Box.Bottom);            // where it is now: outside
    }
}
