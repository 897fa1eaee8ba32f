using Watchpost.Behaviours;
using Watchpost.Behaviours.ZoneEnter;
using Watchpost.Tracking;
using static Watchpost.Tests.Behaviours.RuleHarness;

namespace Watchpost.Tests.Behaviours;

public class ZoneEnterRuleTests
{
    // The 100x100 square zone at (100,100)-(200,200); At() takes the ground point.
    private static RuleHarness Rule(double cooldown = 0) =>
        new(new ZoneEnterRuleOptions { Id = "r", Zone = "lawn", CooldownSeconds = cooldown }, [Square()]);

    /// <summary>"o i i": one frame every 0.2 s, person 1 outside (o, at y 250), inside (i, at y 150), predicted inside (p) or absent (-).</summary>
    private static (double, Track[])[] Frames(string steps) =>
        [.. steps.Split(' ').Select((s, i) => (i * 0.2, s switch
        {
            "o" => new[] { At(150, 250) },
            "i" => [At(150, 150)],
            "p" => [At(150, 150, matched: false)],
            "e" => [At(150, 205)],   // just outside the bottom edge
            "t" => [At(150, 250, confirmed: false)],   // outside, still tentative
            _ => [],
        }))];

    private static double[] Starts(List<BehaviourEvent> events) =>
        [.. events.Where(e => e.Phase == RulePhase.Started).Select(e => Math.Round(e.Timestamp.TotalSeconds, 3))];

    [Theory]
    [InlineData("o o i i", new[] { 0.4 })]                     // walks in
    [InlineData("i i i", new double[0])]                       // first seen inside: appeared, did not enter
    [InlineData("t t i i", new[] { 0.4 })]                     // seen outside while its track was tentative: still walked in
    [InlineData("o i e i e i o o o o o o o", new[] { 0.2 })]  // flickering at the edge: one stay, one entry
    [InlineData("o i o o o o o o i", new[] { 0.2, 1.6 })]       // out for over a second and back: entered twice
    [InlineData("o p p i", new[] { 0.6 })]                     // a prediction inside does not enter; the sighting does
    [InlineData("o o o", new double[0])]
    public void Entries_are_from_outside_to_inside(string steps, double[] expected) =>
        Assert.Equal(expected, Starts(Rule().Feed(Frames(steps))));

    [Fact]
    public void An_identity_switch_inside_the_zone_is_not_an_entry()
    {
        var events = Rule().Feed((0, [At(150, 250, id: 1)]), (0.2, [At(150, 150, id: 1)]), (0.4, [At(150, 150, id: 1, matched: false)]), (0.6, [At(152, 150, id: 7)]));

        Assert.Equal([1], events.Where(e => e.Phase == RulePhase.Started).Select(e => e.Signal.TrackId ?? 0));
    }

    [Fact]
    public void An_entry_starts_and_ends_on_the_same_frame_with_one_id()
    {
        var events = Rule().Feed(Frames("o i"));

        Assert.Equal([RulePhase.Started, RulePhase.Ended], events.Select(e => e.Phase));
        Assert.Equal(events[0].EventId, events[1].EventId);
        Assert.Equal(events[0].Timestamp, events[1].Timestamp);
        Assert.Equal(("zone_enter", "lawn", "lawn"), (events[0].Rule.Type, events[0].Rule.ZoneId, (string)events[0].Signal.Details["zone"]));
    }

    [Fact]
    public void The_cooldown_holds_back_a_quick_return()
    {
        // In at 0.2, out, back in at 1.6 (within 10 s): held back.
        var events = Rule(cooldown: 10).Feed(Frames("o i o o o o o o i"));

        Assert.Equal([0.2], Starts(events));
    }
}
