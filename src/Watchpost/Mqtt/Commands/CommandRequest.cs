using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Watchpost.Mqtt.Commands;

/// <summary>
/// One parsed command: its verb, its request id and its JSON object, with readers that check each field's type
/// and length exactly and throw <see cref="CommandRefusedException"/> naming the field and what was expected.
/// A field given as null counts as given (and wrong): leave it out instead.
/// </summary>
public sealed partial class CommandRequest
{
    /// <summary>Longest id (camera, zone, rule, event, relay): the site file's own limit.</summary>
    public const int MaxIdLength = 64;

    public const int MaxNameLength = 100;

    public const int MaxTextLength = 2000;

    private readonly JsonElement _body;

    internal CommandRequest(string verb, string? requestId, JsonElement body)
    {
        Verb = verb;
        RequestId = requestId;
        _body = body;
    }

    public string Verb { get; }

    /// <summary>The caller's "request_id", echoed in the reply; null when it gave none.</summary>
    public string? RequestId { get; }

    /// <summary>Refuses a payload with a field other than <paramref name="fields"/> (and "request_id").</summary>
    public void OnlyFields(params string[] fields)
    {
        foreach (var property in _body.EnumerateObject())
        {
            if (property.Name != "request_id" && !fields.Contains(property.Name, StringComparer.Ordinal))
            {
                throw new CommandRefusedException(fields.Length == 0
                    ? $"unknown field {Quote(property.Name)}: {Verb} takes no fields (only an optional request_id)"
                    : $"unknown field {Quote(property.Name)}: {Verb} takes {string.Join(", ", fields)} (and an optional request_id)");
            }
        }
    }

    /// <summary>An id as the site file writes them: 1-64 letters, digits, '-' or '_'.</summary>
    public string RequiredId(string field) => CheckId(field, RequiredString(field, MaxIdLength));

    /// <summary>A name or short text without control characters.</summary>
    public string RequiredName(string field, int maxLength = MaxNameLength) => CheckText(field, RequiredString(field, maxLength), allowLineBreaks: false);

    public string? OptionalName(string field, int maxLength = MaxNameLength) =>
        OptionalString(field, maxLength) is { } s ? CheckText(field, s, allowLineBreaks: false) : null;

    /// <summary>Free text (a note, a reason): line breaks and tabs allowed, other control characters not.</summary>
    public string? OptionalText(string field, int maxLength = MaxTextLength) =>
        OptionalString(field, maxLength) is { } s ? CheckText(field, s, allowLineBreaks: true) : null;

    public string RequiredString(string field, int maxLength) =>
        OptionalString(field, maxLength) ?? throw new CommandRefusedException($"{field} is required ({Verb} takes it as a string)");

    public string? OptionalString(string field, int maxLength)
    {
        if (!_body.TryGetProperty(field, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new CommandRefusedException($"{field} must be a string, got {Kind(value)}");
        }

        var s = Text(value) ?? throw new CommandRefusedException($"{field} is not valid Unicode text");
        if (s.Length > maxLength)
        {
            throw new CommandRefusedException($"{field} is {s.Length} characters long; at most {maxLength} are allowed");
        }

        return s;
    }

    /// <summary>A number more than 0 and at most <paramref name="max"/>.</summary>
    public double? OptionalPositiveNumber(string field, double max)
    {
        if (!_body.TryGetProperty(field, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            throw new CommandRefusedException($"{field} must be a number, got {Kind(value)}");
        }

        return number > 0 && number <= max
            ? number
            : throw new CommandRefusedException($"{field} must be more than 0 and at most {max.ToString(CultureInfo.InvariantCulture)}, got {number.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>An ISO 8601 time with its offset (e.g. 2026-12-01T22:00:00Z), as UTC.</summary>
    public DateTimeOffset? OptionalTime(string field)
    {
        if (OptionalString(field, 40) is not { } s)
        {
            return null;
        }

        return DateTimeOffset.TryParseExact(s, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            && s.Length > 19 && (s.EndsWith('Z') || s[^6] is '+' or '-')
            ? time.ToUniversalTime()
            : throw new CommandRefusedException($"{field} must be an ISO 8601 time with its offset, e.g. 2026-12-01T22:00:00Z, got {Quote(s)}");
    }

    /// <summary>A value for an error message: quoted, control characters escaped, cut at 64 characters.</summary>
    public static string Quote(string value)
    {
        var cut = value.Length > MaxIdLength ? value[..MaxIdLength] + "..." : value;
        return JsonSerializer.Serialize(cut).Replace("\"", "'", StringComparison.Ordinal);
    }

    /// <summary>A JSON string's text, or null when it escapes a lone surrogate (no valid text).</summary>
    internal static string? Text(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    internal static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string CheckId(string field, string value) => IdPattern().IsMatch(value)
        ? value
        : throw new CommandRefusedException($"{field} {Quote(value)} is not an id: ids are 1-{MaxIdLength} letters, digits, '-' or '_'");

    private static string CheckText(string field, string value, bool allowLineBreaks)
    {
        if (value.Any(c => char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\r' or '\t')))
        {
            throw new CommandRefusedException($"{field} contains control characters");
        }

        if (value.Any(char.IsSurrogate) && !IsWellFormed(value))
        {
            throw new CommandRefusedException($"{field} is not valid Unicode text");
        }

        return value;
    }

    private static bool IsWellFormed(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex IdPattern();
}
