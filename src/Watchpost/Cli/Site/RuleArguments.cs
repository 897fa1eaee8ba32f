using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Watchpost.Cli.Site;

/// <summary>
/// A rule's settings on the command line: <c>--schedule "mon-fri 22:00-06:00"</c> (one weekly window, as
/// <see cref="Configuration.ScheduleWindowOptions"/> holds it) and <c>--set key=value</c> (a parameter of the
/// rule's type; the value is JSON when it reads as JSON, a number or true/false, else text). Only the form is
/// checked here: the days, times, keys and values are the loader's to refuse, with what it expects.
/// </summary>
internal static partial class RuleArguments
{
    /// <summary>{"days": "mon-fri", "from": "22:00", "to": "06:00"} from "mon-fri 22:00-06:00".</summary>
    public static JsonObject Window(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = WindowPattern().Match(text.Trim());
        return match.Success
            ? new JsonObject { ["days"] = match.Groups["days"].Value, ["from"] = match.Groups["from"].Value, ["to"] = match.Groups["to"].Value }
            : throw new CliInputException($"--schedule: '{text}' is not a weekly window; expected DAYS HH:mm-HH:mm, e.g. \"mon-fri 22:00-06:00\", \"sat,sun 00:00-24:00\" or \"daily 20:00-07:00\" (site time zone; past midnight runs into the next day)");
    }

    /// <summary>The key and value of "key=value".</summary>
    public static (string Key, JsonNode? Value) Setting(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.IndexOf('=', StringComparison.Ordinal);
        var key = at > 0 ? text[..at].Trim() : "";
        if (key.Length == 0 || !KeyPattern().IsMatch(key))
        {
            throw new CliInputException($"--set: '{text}' is not key=value with a parameter name as key, e.g. durationSeconds=5 or direction=a_to_b (see `watchpost rule show ID`)");
        }

        if (key.Equals("id", StringComparison.OrdinalIgnoreCase) || key.Equals("type", StringComparison.OrdinalIgnoreCase))
        {
            throw new CliInputException($"--set {key}: the rule's id and type are given as its argument and --type");
        }

        return (key, Value(text[(at + 1)..]));
    }

    /// <summary>"person, car" as ["person", "car"].</summary>
    public static JsonArray Classes(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return names.Length > 0 ? new JsonArray([.. names.Select(n => JsonValue.Create(n))])
            : throw new CliInputException("--classes: expected COCO class names separated by commas, e.g. person,car");
    }

    private static JsonNode? Value(string text)
    {
        var trimmed = text.Trim();
        try
        {
            // 5, 0.5, true, null, [..], {..} and "quoted text" are JSON; a_to_b and other words are text.
            return JsonNode.Parse(trimmed);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    [GeneratedRegex(@"^(?<days>\S+)\s+(?<from>\d{1,2}:\d{2})\s*-\s*(?<to>\d{1,2}:\d{2})$")]
    private static partial Regex WindowPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex KeyPattern();
}
