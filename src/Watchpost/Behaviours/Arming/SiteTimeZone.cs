namespace Watchpost.Behaviours;

/// <summary>The site's IANA time zone ("Asia/Shanghai"), which schedules are written in.</summary>
public static class SiteTimeZone
{
    public static TimeZoneInfo Find(string ianaName) =>
        TryFind(ianaName) ?? throw new ArgumentException($"'{ianaName}' is not a known IANA time zone (e.g. Asia/Shanghai, Europe/Berlin, UTC)", nameof(ianaName));

    public static TimeZoneInfo? TryFind(string? ianaName)
    {
        if (string.IsNullOrWhiteSpace(ianaName))
        {
            return null;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(ianaName);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }
}
