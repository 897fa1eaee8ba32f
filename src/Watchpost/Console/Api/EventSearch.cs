using System.Globalization;
using Microsoft.AspNetCore.Http;
using Watchpost.Events;

namespace Watchpost.WebConsole.Api;

/// <summary>
/// The filters and paging of GET /api/events and /api/events.csv, read from the query string. A bad value is
/// an error naming the parameter and what was expected; nothing is queried then.
/// </summary>
/// <param name="Legacy">Set when the request asked with <c>limit=</c> and no <c>page</c>: the old answer, a bare array.</param>
internal sealed record EventSearch(EventQuery Query, int Page, int Size, bool Legacy)
{
    public const int MaxSize = 500;
    public const int DefaultSize = 50;

    private static readonly string[] Severities = ["low", "medium", "high", "critical"];

    /// <summary>The search, or the error for a 400.</summary>
    public static (EventSearch? Search, string? Error) Parse(IQueryCollection q)
    {
        ArgumentNullException.ThrowIfNull(q);
        if (!Time(q, "since", out var since, out var error) || !Time(q, "until", out var until, out error))
        {
            return (null, error);
        }

        if (since is { } s && until is { } u && u < s)
        {
            return (null, $"until ({u:O}) is before since ({s:O})");
        }

        var severity = Text(q, "severity");
        if (severity is not null && !Severities.Contains(severity, StringComparer.Ordinal))
        {
            return (null, $"severity '{severity}' is not one of {string.Join(", ", Severities)}");
        }

        var stateText = Text(q, "state");
        EventState? state = stateText switch
        {
            null => null,
            "new" => EventState.New,
            "acknowledged" => EventState.Acknowledged,
            "resolved" => EventState.Resolved,
            _ => null,
        };
        if (stateText is not null && state is null)
        {
            return (null, $"state '{stateText}' is not one of new, acknowledged, resolved");
        }

        var open = false;
        if (Text(q, "open") is { } openText && !bool.TryParse(openText, out open))
        {
            return (null, $"open '{openText}' is not true or false");
        }

        if (!Number(q, "page", 1, int.MaxValue / MaxSize, out var page, out error)
            || !Number(q, "size", 1, MaxSize, out var size, out error)
            || !Number(q, "limit", 1, MaxSize, out var limit, out error))
        {
            return (null, error);
        }

        var legacy = limit is not null && page is null;
        var pageNumber = page ?? 1;
        var pageSize = legacy ? limit!.Value : size ?? DefaultSize;
        var query = new EventQuery(since, until, Text(q, "camera"), Text(q, "rule"), severity, state, pageSize, (pageNumber - 1) * pageSize, open);
        return (new EventSearch(query, pageNumber, pageSize, legacy), null);
    }

    private static string? Text(IQueryCollection q, string name) => q[name].ToString() is { Length: > 0 } text ? text : null;

    private static bool Time(IQueryCollection q, string name, out DateTime? value, out string? error)
    {
        value = null;
        error = null;
        if (Text(q, name) is not { } text)
        {
            return true;
        }

        // ISO 8601, UTC or with an offset; a time without either is taken as UTC (the API speaks UTC).
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            error = $"{name} '{text}' is not an ISO 8601 time (e.g. 2026-12-01T21:55:05Z)";
            return false;
        }

        value = parsed.UtcDateTime;
        return true;
    }

    private static bool Number(IQueryCollection q, string name, int min, int max, out int? value, out string? error)
    {
        value = null;
        error = null;
        if (Text(q, name) is not { } text)
        {
            return true;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
        {
            error = $"{name} '{text}' is not a whole number from {min} to {max}";
            return false;
        }

        value = n;
        return true;
    }
}
