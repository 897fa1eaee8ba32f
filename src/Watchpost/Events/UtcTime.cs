namespace Watchpost.Events;

/// <summary>Times as the event log keeps them: UTC, to the millisecond (LiteDB's resolution).</summary>
internal static class UtcTime
{
    /// <summary>The instant in UTC, truncated to the millisecond, so it reads back from the store unchanged.</summary>
    public static DateTime ToMilliseconds(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        return new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
    }

    /// <inheritdoc cref="ToMilliseconds(DateTimeOffset)"/>
    /// <remarks>An unspecified kind is taken as UTC.</remarks>
    public static DateTime ToMilliseconds(DateTime time) => ToMilliseconds(new DateTimeOffset(EventDocuments.Utc(time)));
}
