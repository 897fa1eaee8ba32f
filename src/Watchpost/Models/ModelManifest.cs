using System.Text.Json;
using System.Text.RegularExpressions;
using Watchpost.Detection.Decoding;

namespace Watchpost.Models;

/// <summary>
/// The models Watchpost knows (models/manifest.json, built into the executable): name, download address, accepted
/// hashes, input and output shapes, layout, colour order, labels and licence of each.
/// </summary>
public sealed partial class ModelManifest
{
    private const string ResourceName = "Watchpost.models.manifest.json";

    public ModelManifest(IReadOnlyList<ModelManifestEntry> models, string source)
    {
        Models = models;
        Source = source;
    }

    public IReadOnlyList<ModelManifestEntry> Models { get; }

    /// <summary>Where the manifest was read from, for error messages.</summary>
    public string Source { get; }

    /// <summary>The manifest built into the executable (models/manifest.json of the checkout it was built from).</summary>
    public static ModelManifest BuiltIn { get; } = LoadBuiltIn();

    public static ModelManifest Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Reads and checks a manifest; any mistake throws <see cref="FormatException"/> naming the source, the model and the key.</summary>
    public static ModelManifest Parse(string json, string source)
    {
        ModelManifestDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, ModelManifestJsonContext.Default.ModelManifestDocument);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{source}: {e.Message}", e);
        }

        if (document is null || document.Models.Count == 0)
        {
            throw new FormatException($"{source}: expected {{ \"models\": [ ... ] }} with at least one model");
        }

        foreach (var entry in document.Models)
        {
            Check(entry, source);
        }

        var duplicate = document.Models.GroupBy(m => m.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new FormatException($"{source}: model name '{duplicate.Key}' appears {duplicate.Count()} times, expected unique names");
        }

        return new ModelManifest(document.Models, source);
    }

    /// <summary>The entry called <paramref name="name"/>; an unknown name throws, listing the known ones.</summary>
    public ModelManifestEntry Find(string name) =>
        Models.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new KeyNotFoundException($"model '{name}' is not in the manifest ({Source}); expected one of: {string.Join(", ", Models.Select(m => m.Name))}");

    private static void Check(ModelManifestEntry entry, string source)
    {
        var at = $"{source}: model '{entry.Name}'";
        if (string.IsNullOrWhiteSpace(entry.Name) || string.IsNullOrWhiteSpace(entry.File) || entry.File != Path.GetFileName(entry.File))
        {
            throw new FormatException($"{at}: expected a name and a plain file name (no folders), got file '{entry.File}'");
        }

        if (!Uri.TryCreate(entry.Url, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
        {
            throw new FormatException($"{at}: url '{entry.Url}', expected an https:// address");
        }

        if (entry.Sha256.Count == 0 || entry.Sha256.Any(h => !Sha256Pattern().IsMatch(h)))
        {
            throw new FormatException($"{at}: sha256 must list one or more 64-digit lower-case hex hashes");
        }

        if (entry.Input.Count != 4 || entry.Input[0] is not (1 or -1) || entry.Input[1] != 3 || entry.Input[2] <= 0 || entry.Input[3] <= 0)
        {
            throw new FormatException($"{at}: input [{string.Join(", ", entry.Input)}], expected [1 or -1 (dynamic batch), 3, height, width]");
        }

        if (entry.ColourOrder is not (null or "bgr" or "rgb"))
        {
            throw new FormatException($"{at}: colourOrder '{entry.ColourOrder}', expected \"bgr\" or \"rgb\"");
        }

        if (entry.Labels.Count == 0)
        {
            throw new FormatException($"{at}: labels is empty, expected \"coco\" or the class names");
        }

        try
        {
            var layout = entry.DeclaredLayout;
            if (entry.Output is { } output)
            {
                var implied = OutputLayouts.FromShape(output, entry.Labels.Count);
                if (layout is not null && layout != implied)
                {
                    throw new FormatException($"layout '{entry.Layout}' but the output shape [{string.Join(", ", output)}] is {OutputLayouts.Name(implied)}");
                }
            }
        }
        catch (Exception e) when (e is FormatException or InvalidDataException)
        {
            throw new FormatException($"{at}: {e.Message}", e);
        }
    }

    private static ModelManifest LoadBuiltIn()
    {
        using var stream = typeof(ModelManifest).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the executable was built without its model manifest (resource {ResourceName} from models/manifest.json)");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "built-in models/manifest.json");
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Pattern();
}
