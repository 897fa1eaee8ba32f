using System.Globalization;
using Watchpost.Configuration;

namespace Watchpost.Behaviours;

/// <summary>
/// A rule's "schedule": weekly windows in the site's time zone. A window belongs to the day it starts on and may
/// run past midnight ("22:00" to "06:00" on mon-fri covers Friday night until Saturday 06:00). No windows = always.
/// </summary>
public sealed class WeeklySchedule
{
    private static readonly string[] DayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
    private static readonly string[] FullDayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
    private readonly (bool[] Days, TimeSpan From, TimeSpan To)[] _windows;
    private readonly TimeZoneInfo _zone;

    public WeeklySchedule(IReadOnlyList<ScheduleWindowOptions> windows, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(windows);
        _zone = zone;
        _windows = [.. windows.Select(w => (ParseDays(w.Days) ?? throw new FormatException($"days '{w.Days}' is not a list of days"), ParseTime(w.From), ParseTime(w.To)))];
    }

    public static WeeklySchedule Always { get; } = new([], TimeZoneInfo.Utc);

    public bool IsAlways => _windows.Length == 0;

    public bool Contains(DateTimeOffset instant)
    {
        if (_windows.Length == 0)
        {
            return true;
        }

        var local = TimeZoneInfo.ConvertTime(instant, _zone);
        var day = (int)local.DayOfWeek;
        var time = local.TimeOfDay;
        foreach (var (days, from, to) in _windows)
        {
            if (to > from)
            {
                if (days[day] && time >= from && time < to)
                {
                    return true;
                }
            }
            else if ((days[day] && time >= from) || (days[(day + 6) % 7] && time < to))
            {
                // Crosses midnight: the evening part on a listed day, the morning part on the day after one.
                return true;
            }
        }

        return false;
    }

    /// <summary>"mon-fri", "sat,sun", "daily", "mon,wed-fri" (case-insensitive); null when it is not one.</summary>
    public static bool[]? ParseDays(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var days = new bool[7];
        var spec = text.Trim().ToLowerInvariant();
        if (spec is "daily" or "all" or "*")
        {
            Array.Fill(days, true);
            return days;
        }

        foreach (var part in spec.Split(',', StringSplitOptions.TrimEntries))
        {
            var range = part.Split('-', StringSplitOptions.TrimEntries);
            var first = Day(range[0]);
            var last = range.Length == 2 ? Day(range[1]) : first;
            if (range.Length > 2 || first < 0 || last < 0)
            {
                return null;
            }

            for (var d = first; ; d = (d + 1) % 7)
            {
                days[d] = true;
                if (d == last)
                {
                    break;
                }
            }
        }

        return days;
    }

    /// <summary>"mon" or "monday" (and so on) to 0-6 from Sunday; -1 for anything else.</summary>
    private static int Day(string name)
    {
        for (var d = 0; d < FullDayNames.Length; d++)
        {
            if (name == DayNames[d] || name == FullDayNames[d])
            {
                return d;
            }
        }

        return -1;
    }

    private static TimeSpan ParseTime(string text) =>
        text == "24:00" ? TimeSpan.FromDays(1) : TimeSpan.ParseExact(text, @"hh\:mm", CultureInfo.InvariantCulture);
}
