using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Watchpost.Behaviours;
using Watchpost.Behaviours.Intrusion;
using Watchpost.Configuration;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Behaviours;

public sealed class ArmingServiceTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);   // a Tuesday

    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly RecordingLog _log = new();

    // Camera "gate": zones "lawn" and "porch", line "door"; camera "back": zone "yard".
    private static readonly RuleIdentity Lawn = new("lawn-intrusion", "intrusion", "gate", "high", "lawn", null);
    private static readonly RuleIdentity Porch = new("porch-intrusion", "intrusion", "gate", "high", "porch", null);
    private static readonly RuleIdentity Door = new("door-crossing", "test_line", "gate", "high", null, "door");
    private static readonly RuleIdentity Yard = new("yard-intrusion", "intrusion", "back", "high", "yard", null);

    private WatchpostOptions Site(bool withBack = true) => new()
    {
        Storage = new StorageOptions { Path = _folder.Path },
        Cameras = [new CameraOptions { Id = "gate", Url = "/dev/null" }, .. withBack ? [new CameraOptions { Id = "back", Url = "/dev/null" }] : Array.Empty<CameraOptions>()],
        Zones = [Zone("lawn", "gate"), Zone("porch", "gate"), .. withBack ? [Zone("yard", "back")] : Array.Empty<ZoneOptions>()],
        Lines = [new LineOptions { Id = "door", Camera = "gate", From = [0, 0], To = [10, 0] }],
        Rules =
        [
            new IntrusionRuleOptions { Id = "lawn-intrusion", Zone = "lawn" },
            new IntrusionRuleOptions { Id = "porch-intrusion", Zone = "porch", Schedule = [new ScheduleWindowOptions { Days = "mon-fri", From = "22:00", To = "06:00" }] },
            new LineRuleOptions { Id = "door-crossing", Line = "door" },
            .. withBack ? [new IntrusionRuleOptions { Id = "yard-intrusion", Zone = "yard", Enabled = false }] : Array.Empty<RuleOptions>(),
        ],
    };

    private static ZoneOptions Zone(string id, string camera) => new() { Id = id, Camera = camera, Polygon = [[0, 0], [10, 0], [10, 10]] };

    private ArmingService Service(WatchpostOptions? site = null) => new(site ?? Site(), _time, _log.For<ArmingService>());

    private static string Armed(ArmingService arming) =>
        string.Join(" ", new[] { Lawn, Porch, Door, Yard }.Select(r => arming.IsArmed(r) ? "+" : "-"));

    [Fact]
    public void Everything_is_armed_at_first_and_no_file_is_written()
    {
        using var arming = Service();

        Assert.Equal("+ + + +", Armed(arming));
        Assert.Empty(arming.Disarmed);
        Assert.False(File.Exists(arming.StatePath));
        _log.AssertNoErrors();
    }

    [Theory]
    [InlineData(ArmingScope.Camera, "gate", "- - - +", "lawn-intrusion porch-intrusion door-crossing")]
    [InlineData(ArmingScope.Camera, "back", "+ + + -", "yard-intrusion")]
    [InlineData(ArmingScope.Zone, "lawn", "- + + +", "lawn-intrusion")]
    [InlineData(ArmingScope.Line, "door", "+ + - +", "door-crossing")]
    [InlineData(ArmingScope.Rule, "porch-intrusion", "+ - + +", "porch-intrusion")]
    [InlineData(ArmingScope.Everything, null, "- - - -", "lawn-intrusion porch-intrusion door-crossing yard-intrusion")]
    public void A_disarm_covers_the_rules_under_its_target(ArmingScope scope, string? id, string expected, string rules)
    {
        using var arming = Service();

        var result = arming.Disarm(new ArmingTarget(scope, id), "alice", "works");

        Assert.True(result.Succeeded, result.Error);
        Assert.True(result.Changed);
        Assert.Equal(expected, Armed(arming));
        Assert.Equal(rules.Split(' '), result.RulesDisarmed);
        Assert.Empty(result.RulesArmed);
    }

    [Fact]
    public void Arming_everything_after_disarming_a_rule_and_a_camera_arms_them()
    {
        using var arming = Service();
        arming.Disarm(ArmingTarget.Rule("yard-intrusion"), "alice", "");
        arming.Disarm(ArmingTarget.Camera("gate"), "bob", "");

        var result = arming.Arm(ArmingTarget.Everything, "carol", "back to normal");

        Assert.True(result.Changed);
        Assert.Equal("+ + + +", Armed(arming));
        Assert.Equal(2, result.Cleared.Count);
        Assert.Equal(["lawn-intrusion", "porch-intrusion", "door-crossing", "yard-intrusion"], result.RulesArmed);
        Assert.Empty(arming.Disarmed);
    }

    [Fact]
    public void Arming_a_camera_clears_its_zones_and_rules_but_not_a_broader_disarm()
    {
        using var arming = Service();
        arming.Disarm(ArmingTarget.Zone("lawn"), "alice", "");
        arming.Disarm(ArmingTarget.Rule("yard-intrusion"), "alice", "");

        var camera = arming.Arm(ArmingTarget.Camera("gate"), "bob", "");

        Assert.Equal(["lawn-intrusion"], camera.RulesArmed);
        Assert.Equal("+ + + -", Armed(arming));   // the yard's rule is on the other camera

        arming.Disarm(ArmingTarget.Everything, "carol", "fire drill");
        var zone = arming.Arm(ArmingTarget.Zone("lawn"), "dave", "");

        Assert.True(zone.Succeeded);
        Assert.False(zone.Changed);
        Assert.Equal(["lawn-intrusion"], zone.StillDisarmed);
        Assert.Contains("still disarmed", zone.Message);
        Assert.False(arming.IsArmed(Lawn));
    }

    [Fact]
    public void Who_why_and_when_are_recorded_and_reported_per_rule()
    {
        using var arming = Service();
        _time.Advance(TimeSpan.FromMinutes(5));

        var result = arming.Disarm(ArmingTarget.Zone("lawn"), "  alice ", "gardeners until noon");

        var entry = Assert.Single(arming.Disarmed);
        Assert.Equal(result.Entry, entry);
        Assert.Equal((ArmingTarget.Zone("lawn"), "alice", "gardeners until noon", Start.AddMinutes(5), (DateTimeOffset?)null), (entry.Target, entry.By, entry.Reason, entry.Since, entry.Until));

        // Tuesday 12:05: the porch's schedule (mon-fri 22:00-06:00) has no window now; the yard's rule is disabled.
        var states = arming.States(_time.GetUtcNow()).ToDictionary(s => s.RuleId);
        Assert.Equal(RuleArmingStatus.DisarmedByOperator, states["lawn-intrusion"].Status);
        Assert.Equal(entry, Assert.Single(states["lawn-intrusion"].DisarmedBy));
        Assert.Equal(RuleArmingStatus.OutsideSchedule, states["porch-intrusion"].Status);
        Assert.Equal(RuleArmingStatus.Armed, states["door-crossing"].Status);
        Assert.Equal(RuleArmingStatus.Disabled, states["yard-intrusion"].Status);
        Assert.Equal("gate", states["door-crossing"].CameraId);

        var night = arming.States(new DateTimeOffset(2026, 12, 1, 23, 0, 0, TimeSpan.Zero)).Single(s => s.RuleId == "porch-intrusion");
        Assert.Equal((RuleArmingStatus.Armed, true), (night.Status, night.InSchedule));
    }

    [Theory]
    [InlineData(ArmingScope.Camera, "nope", "no camera has the id 'nope' (cameras: gate, back)")]
    [InlineData(ArmingScope.Zone, "garden", "no zone has the id 'garden' (zones: lawn, porch, yard)")]
    [InlineData(ArmingScope.Line, "gate", "no line has the id 'gate' (lines: door)")]
    [InlineData(ArmingScope.Rule, "lawn", "no rule has the id 'lawn'")]
    [InlineData(ArmingScope.Camera, "", "a camera needs its id")]
    [InlineData(ArmingScope.Everything, "gate", "everything takes no id")]
    public void Unknown_targets_are_refused_naming_the_kind_and_the_id(ArmingScope scope, string id, string expected)
    {
        using var arming = Service();
        var changes = 0;
        arming.Changed += (_, _) => changes++;

        var disarm = arming.Disarm(new ArmingTarget(scope, id), "alice", "");
        var arm = arming.Arm(new ArmingTarget(scope, id), "alice", "");

        foreach (var result in new[] { disarm, arm })
        {
            Assert.False(result.Succeeded);
            Assert.False(result.Changed);
            Assert.Contains(expected, result.Error);
        }

        Assert.Equal("+ + + +", Armed(arming));
        Assert.Equal(0, changes);
        Assert.False(File.Exists(arming.StatePath));
    }

    [Fact]
    public void A_disarm_without_an_operator_or_with_an_until_in_the_past_is_refused()
    {
        using var arming = Service();

        Assert.Contains("operator's name is required", arming.Disarm(ArmingTarget.Everything, " ", "why").Error);
        Assert.Contains("not in the future", arming.Disarm(ArmingTarget.Everything, "alice", "", Start.AddSeconds(-1)).Error);
        Assert.Contains("limited", arming.Disarm(ArmingTarget.Everything, new string('a', 101), "").Error);
        Assert.Equal("+ + + +", Armed(arming));
    }

    [Fact]
    public void The_state_survives_a_restart()
    {
        using (var before = Service())
        {
            before.Disarm(ArmingTarget.Zone("lawn"), "alice", "gardeners");
            before.Disarm(ArmingTarget.Camera("back"), "bob", "lens cleaning", Start.AddHours(2));
        }

        using var after = Service();

        Assert.Equal("- + + -", Armed(after));
        Assert.Equal(
            [(ArmingTarget.Camera("back"), "bob", "lens cleaning", Start, (DateTimeOffset?)Start.AddHours(2)), (ArmingTarget.Zone("lawn"), "alice", "gardeners", Start, null)],
            after.Disarmed.Select(e => (e.Target, e.By, e.Reason, e.Since, e.Until)));
        Assert.Contains(_log.Entries, e => e.Message.Contains("2 operator disarm(s) in force", StringComparison.Ordinal));
        _log.AssertNoErrors();
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void The_state_file_is_readable_by_its_owner_only()
    {
        using var arming = Service();
        arming.Disarm(ArmingTarget.Everything, "alice", "");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(arming.StatePath));
        Assert.False(File.Exists(arming.StatePath + ".tmp"));
        Assert.Contains("\"by\": \"alice\"", File.ReadAllText(arming.StatePath), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"version\": 1, \"disarmed\": [ ")]
    [InlineData("{ \"version\": 1, \"disarmed\": [ { \"target\": \"planet\", \"id\": \"earth\", \"by\": \"x\" } ] }")]
    [InlineData("{ \"version\": 1, \"disarmed\": [ { \"target\": \"camera\", \"by\": \"x\" } ] }")]
    [InlineData("{ \"version\": 7, \"disarmed\": [] }")]
    [InlineData("null")]
    public void A_damaged_file_is_moved_aside_and_the_service_starts_armed(string damaged)
    {
        File.WriteAllText(Path.Combine(_folder.Path, ArmingStore.FileName), damaged);

        using var arming = Service();

        Assert.Equal("+ + + +", Armed(arming));
        Assert.False(File.Exists(arming.StatePath));
        var aside = Assert.Single(Directory.GetFiles(_folder.Path, "arming.json.damaged-*"));
        Assert.Equal("arming.json.damaged-20261201T120000Z", Path.GetFileName(aside));
        Assert.Equal(damaged, File.ReadAllText(aside));
        var error = Assert.Single(_log.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains("EVERY RULE ARMED", error.Message, StringComparison.Ordinal);
        Assert.Contains(aside, error.Message, StringComparison.Ordinal);

        // It keeps working, and a second damaged file does not overwrite the first one moved aside.
        Assert.True(arming.Disarm(ArmingTarget.Everything, "alice", "").Succeeded);
        File.WriteAllText(arming.StatePath, damaged);
        using var again = Service();
        Assert.Equal(2, Directory.GetFiles(_folder.Path, "arming.json.damaged-*").Length);
    }

    [Fact]
    public void Disarms_of_things_no_longer_in_the_site_are_dropped_with_a_warning()
    {
        using (var before = Service())
        {
            before.Disarm(ArmingTarget.Camera("back"), "alice", "");
            before.Disarm(ArmingTarget.Rule("yard-intrusion"), "alice", "");
            before.Disarm(ArmingTarget.Zone("lawn"), "bob", "");
        }

        using var after = Service(Site(withBack: false));

        Assert.Equal(ArmingTarget.Zone("lawn"), Assert.Single(after.Disarmed).Target);
        Assert.Equal(2, _log.Entries.Count(e => e.Level == LogLevel.Warning && e.Message.Contains("dropped the disarm", StringComparison.Ordinal)));
        Assert.DoesNotContain("back", File.ReadAllText(after.StatePath), StringComparison.Ordinal);   // rewritten without them
    }

    [Fact]
    public void A_disarm_with_until_re_arms_by_itself_and_says_so()
    {
        using var arming = Service();
        var changes = new List<ArmingResult>();
        arming.Changed += (_, r) => changes.Add(r);
        arming.Disarm(ArmingTarget.Camera("gate"), "alice", "maintenance", Start.AddMinutes(30));

        _time.Advance(TimeSpan.FromMinutes(29));
        Assert.False(arming.IsArmed(Lawn));

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.True(arming.IsArmed(Lawn));
        Assert.Equal([false, true], changes.Select(c => c.Arm));
        Assert.Equal(["lawn-intrusion", "porch-intrusion", "door-crossing"], changes[1].RulesArmed);
        Assert.Empty(arming.Disarmed);

        // One that ended while the service was stopped is not brought back.
        arming.Disarm(ArmingTarget.Zone("lawn"), "bob", "", Start.AddHours(1));
        arming.Dispose();
        _time.Advance(TimeSpan.FromHours(1));
        using var restarted = Service();
        Assert.Empty(restarted.Disarmed);
        Assert.True(restarted.IsArmed(Lawn));
    }

    [Fact]
    public void Changed_is_raised_for_changes_only_and_a_failing_follower_does_not_undo_one()
    {
        using var arming = Service();
        var changes = new List<ArmingResult>();
        arming.Changed += (_, r) => changes.Add(r);
        arming.Changed += (_, _) => throw new InvalidOperationException("follower broke");

        arming.Arm(ArmingTarget.Camera("gate"), "alice", "");           // was not disarmed: no change
        var disarm = arming.Disarm(ArmingTarget.Camera("gate"), "alice", "");

        Assert.Equal([disarm], changes);
        Assert.False(arming.IsArmed(Lawn));
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("follower", StringComparison.Ordinal));
    }

    [Fact]
    public void A_change_that_cannot_be_saved_is_in_force_and_says_it_will_not_survive_a_restart()
    {
        var site = Site();
        site.Storage.Path = _folder.File("not-a-folder");
        File.WriteAllText(site.Storage.Path, "");
        using var arming = Service(site);

        var result = arming.Disarm(ArmingTarget.Camera("gate"), "alice", "");

        Assert.True(result.Succeeded);
        Assert.NotNull(result.NotSaved);
        Assert.Contains("NOT SAVED", result.Message, StringComparison.Ordinal);
        Assert.False(arming.IsArmed(Lawn));
        Assert.Contains(_log.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("lost on restart", StringComparison.Ordinal));
    }

    [Fact]
    public void IsArmed_does_not_allocate_and_follows_rules_from_another_site()
    {
        using var arming = Service();
        arming.Disarm(ArmingTarget.Zone("lawn"), "alice", "");
        arming.Disarm(ArmingTarget.Camera("back"), "alice", "");
        var stranger = new RuleIdentity("eval-rule", "intrusion", "back", "high", null, null);   // not in the site file: its camera counts
        Assert.False(arming.IsArmed(stranger));

        var armed = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            armed += (arming.IsArmed(Lawn) ? 1 : 0) + (arming.IsArmed(Door) ? 1 : 0) + (arming.IsArmed(stranger) ? 1 : 0);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(10_000, armed);
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>A rule that reads a line, for line targets (no such rule type is in the catalogue on this branch).</summary>
    private sealed class LineRuleOptions : RuleOptions
    {
        public override string Type => "test_line";

        public string Line { get; set; } = "";

        public override IEnumerable<(string Field, string Id)> LineReferences => [("line", Line)];
    }
}
