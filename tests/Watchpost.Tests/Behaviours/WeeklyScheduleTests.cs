using System.Globalization;
using Watchpost.Behaviours;
using Watchpost.Configuration;

namespace Watchpost.Tests.Behaviours;

public class WeeklyScheduleTests
{
    private static WeeklySchedule Schedule(string days, string from, string to, string zone = "UTC") =>
        new([new ScheduleWindowOptions { Days = days, From = from, To = to }], SiteTimeZone.Find(zone));

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text + "Z", CultureInfo.InvariantCulture);

    // 2026-12-04 is a Friday, 12-05 Saturday, 12-06 Sunday, 12-07 Monday.
    [Theory]
    [InlineData("mon-fri", "22:00", "06:00", "2026-12-04T23:00", true)]    // Friday night
    [InlineData("mon-fri", "22:00", "06:00", "2026-12-05T05:59", true)]    // Friday's window runs into Saturday morning
    [InlineData("mon-fri", "22:00", "06:00", "2026-12-05T06:00", false)]   // "to" is not included
    [InlineData("mon-fri", "22:00", "06:00", "2026-12-05T22:00", false)]   // Saturday evening: not a listed day
    [InlineData("mon-fri", "22:00", "06:00", "2026-12-07T05:00", false)]   // Monday morning belongs to Sunday's window, not listed
    [InlineData("mon-fri", "22:00", "06:00", "2026-12-07T21:59", false)]
    [InlineData("mon-fri", "22:00", "06:00", "2026-12-07T22:00", true)]    // "from" is included
    [InlineData("mon-fri", "22:00", "06:00", "2026-12-08T05:59", true)]    // Monday night into Tuesday
    [InlineData("daily", "08:00", "18:00", "2026-12-06T12:00", true)]
    [InlineData("daily", "08:00", "18:00", "2026-12-06T07:59", false)]
    [InlineData("daily", "08:00", "18:00", "2026-12-06T18:00", false)]
    [InlineData("daily", "22:00", "06:00", "2026-12-06T03:00", true)]      // daily across midnight: every morning
    [InlineData("sat,sun", "00:00", "24:00", "2026-12-05T00:00", true)]    // the whole day
    [InlineData("sat,sun", "00:00", "24:00", "2026-12-06T23:59", true)]
    [InlineData("sat,sun", "00:00", "24:00", "2026-12-07T00:00", false)]
    [InlineData("sat,sun", "00:00", "24:00", "2026-12-04T23:59", false)]
    public void Windows_in_utc(string days, string from, string to, string utc, bool inside) =>
        Assert.Equal(inside, Schedule(days, from, to).Contains(Utc(utc)));

    [Theory]
    [InlineData("2026-12-07T01:00", true)]    // Monday 09:00 in Shanghai (UTC+8)
    [InlineData("2026-12-07T00:59", false)]   // Monday 08:59 there
    [InlineData("2026-12-06T23:00", false)]   // still Sunday in UTC, Monday 07:00 there
    [InlineData("2026-12-04T08:59", true)]    // Friday 16:59 there
    [InlineData("2026-12-04T09:00", false)]   // Friday 17:00 there
    [InlineData("2026-12-05T02:00", false)]   // Saturday 10:00 there
    public void Windows_are_in_the_site_time_zone(string utc, bool inside) =>
        Assert.Equal(inside, Schedule("mon-fri", "09:00", "17:00", "Asia/Shanghai").Contains(Utc(utc)));

    [Theory]
    [InlineData("2026-01-15T20:30", false)]   // winter: 21:30 CET
    [InlineData("2026-01-15T21:00", true)]    // 22:00 CET
    [InlineData("2026-01-16T04:59", true)]    // 05:59 CET
    [InlineData("2026-07-15T20:30", true)]    // summer: 22:30 CEST, the same UTC instant as the first case
    [InlineData("2026-07-16T03:59", true)]    // 05:59 CEST
    [InlineData("2026-07-16T04:00", false)]   // 06:00 CEST
    [InlineData("2026-03-29T00:30", true)]    // the spring-forward night: 01:30 CET
    [InlineData("2026-03-29T03:59", true)]    // 05:59 CEST (the night was an hour shorter)
    [InlineData("2026-03-29T04:00", false)]   // 06:00 CEST
    [InlineData("2026-10-25T04:59", true)]    // the fall-back night: 05:59 CET
    [InlineData("2026-10-25T05:00", false)]   // 06:00 CET
    public void Daylight_saving_time_follows_the_local_clock(string utc, bool inside) =>
        Assert.Equal(inside, Schedule("daily", "22:00", "06:00", "Europe/Berlin").Contains(Utc(utc)));

    [Fact]
    public void No_windows_is_always_and_several_windows_add_up()
    {
        Assert.True(WeeklySchedule.Always.IsAlways);
        Assert.True(WeeklySchedule.Always.Contains(Utc("2026-12-05T03:00")));

        var two = new WeeklySchedule(
            [new ScheduleWindowOptions { Days = "mon-fri", From = "22:00", To = "06:00" }, new ScheduleWindowOptions { Days = "sat,sun", From = "00:00", To = "24:00" }],
            TimeZoneInfo.Utc);
        Assert.True(two.Contains(Utc("2026-12-05T12:00")));   // Saturday noon: the weekend window
        Assert.True(two.Contains(Utc("2026-12-06T23:30")));   // Sunday night: the weekend window
        Assert.False(two.Contains(Utc("2026-12-07T05:00")));  // Monday 05:00: the weekend ended at midnight, Sunday night is not mon-fri's
        Assert.False(two.Contains(Utc("2026-12-07T12:00")));  // Monday noon: neither
    }

    [Theory]
    [InlineData("mon-fri", "0111110")]         // sun mon tue wed thu fri sat
    [InlineData("sat,sun", "1000001")]
    [InlineData("daily", "1111111")]
    [InlineData("DAILY", "1111111")]
    [InlineData("mon", "0100000")]
    [InlineData("Monday", "0100000")]
    [InlineData(" mon , wed-fri ", "0101110")]
    [InlineData("fri-mon", "1100011")]         // a range may wrap over the weekend
    [InlineData("sun-sat", "1111111")]
    [InlineData("Monday,friday", "0100010")]
    public void Days_parse(string text, string expected)
    {
        var days = WeeklySchedule.ParseDays(text);

        Assert.NotNull(days);
        Assert.Equal(expected, string.Concat(days.Select(d => d ? '1' : '0')));
    }

    [Theory]
    [InlineData("")]
    [InlineData("funday")]
    [InlineData("mon-")]
    [InlineData("mon-tue-wed")]
    [InlineData("mon,,fri")]
    [InlineData("weekdays")]
    [InlineData("1-5")]
    [InlineData("monxyz")]
    [InlineData("mo")]
    public void Days_that_are_not_days_are_refused(string text) => Assert.Null(WeeklySchedule.ParseDays(text));
}
