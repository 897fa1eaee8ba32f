using System.Text.Json;

namespace Watchpost.Gpio;

/// <summary>The pin maps of firmware-config/, built into the executable so that the service, the CLI and validation read the same ones.</summary>
public static class BoardMaps
{
    private const string ResourcePrefix = "Watchpost.firmware-config.";

    private static readonly Lazy<IReadOnlyDictionary<string, BoardMap>> All = new(LoadBuiltIn);

    public static IReadOnlyCollection<string> Names => [.. All.Value.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The map of <paramref name="board"/>, or null when there is none.</summary>
    public static BoardMap? Find(string board) => All.Value.GetValueOrDefault(board);

    /// <summary>Reads one map (a file of firmware-config/); <paramref name="source"/> names it in errors.</summary>
    public static BoardMap Parse(string json, string source)
    {
        BoardMap map;
        try
        {
            map = JsonSerializer.Deserialize(json, BoardMapJsonContext.Default.BoardMap) ?? throw new FormatException("the file is empty");
        }
        catch (JsonException e)
        {
            throw new FormatException($"{source}: {e.Message}", e);
        }

        if (map.Driver is not ("libgpiod" or "none"))
        {
            throw new FormatException($"{source}: driver '{map.Driver}' is not libgpiod or none");
        }

        foreach (var duplicate in map.Pins.GroupBy(p => p.Pin).Where(g => g.Count() > 1))
        {
            throw new FormatException($"{source}: pin {duplicate.Key} is listed more than once");
        }

        return map;
    }

    private static Dictionary<string, BoardMap> LoadBuiltIn()
    {
        var assembly = typeof(BoardMaps).Assembly;
        var maps = new Dictionary<string, BoardMap>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            var file = "firmware-config/" + resource[ResourcePrefix.Length..];
            var map = Parse(reader.ReadToEnd(), file);
            maps.Add(map.Board, map);
        }

        return maps.Count > 0 ? maps : throw new InvalidOperationException("the executable was built without the board maps of firmware-config/");
    }
}
