using Watchpost.Configuration;
using Watchpost.Tests.Behaviours;

namespace Watchpost.Tests.Ingest.Motion;

/// <summary>A camera's motion settings are checked at load, each error naming the camera and the setting.</summary>
public sealed class MotionOptionsValidationTests
{
    [Theory]
    [InlineData("""{ "enabled": true, "threshold": 0 }""", "cameras[0] ('gate-1').motion.threshold: must be a grey-level difference from 1 to 254")]
    [InlineData("""{ "enabled": true, "minArea": 0 }""", "cameras[0] ('gate-1').motion.minArea: must be from 1 to 10000000 square pixels")]
    [InlineData("""{ "enabled": true, "recheckSeconds": 0 }""", "cameras[0] ('gate-1').motion.recheckSeconds: must be from 0.1 to 3600")]
    [InlineData("""{ "enabled": true, "maxChangedShare": 1.5 }""", "cameras[0] ('gate-1').motion.maxChangedShare: must be from 0.05 to 1")]
    [InlineData("""{ "masks": [ [[0, 0], [100, 0]] ] }""", "cameras[0] ('gate-1').motion.masks[0]: a mask polygon needs at least 3 points [x, y]")]
    [InlineData("""{ "masks": [ [[0, 0], [100, 0], [100, 100]], [[0, 0], [100, 100], [100, 0], [0, 50]] ] }""", "cameras[0] ('gate-1').motion.masks[1]: the polygon crosses itself")]
    [InlineData("""{ "masks": [ [[0, 0], [100], [100, 100]] ] }""", "cameras[0] ('gate-1').motion.masks[0]: every point is [x, y]")]
    [InlineData("""{ "masks": [ [[-5, 0], [100, 0], [100, 100]] ] }""", "cameras[0] ('gate-1').motion.masks[0]: points are frame pixels, 0 or more")]
    public void Bad_motion_settings_are_refused_naming_the_camera(string motion, string expected)
    {
        var error = Assert.Throws<InvalidConfigurationException>(() => Load(motion));

        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public void Good_motion_settings_load_with_their_masks()
    {
        var site = Load("""{ "enabled": true, "threshold": 30, "minArea": 250, "recheckSeconds": 10, "maxChangedShare": 0.6, "masks": [ [[0, 0], [200, 0], [200, 80]] ] }""");

        var motion = site.Cameras.Single().Motion;
        Assert.True(motion.Enabled);
        Assert.Equal((30, 250.0, 10.0, 0.6), (motion.Threshold, motion.MinArea, motion.RecheckSeconds, motion.MaxChangedShare));
        Assert.Equal([200f, 80f], motion.Masks.Single()[2]);
    }

    [Fact]
    public void A_camera_without_motion_settings_has_the_gate_off() =>
        Assert.False(RuleSiteJson.Load("""{ "cameras": [ { "id": "gate-1", "url": "/dev/null" } ] }""").Cameras.Single().Motion.Enabled);

    private static WatchpostOptions Load(string motion) =>
        RuleSiteJson.Load($$"""{ "cameras": [ { "id": "gate-1", "url": "/dev/null", "motion": {{motion}} } ] }""");
}
