using Watchpost.Detection.Decoding;

namespace Watchpost.Models;

/// <summary>
/// Turns a model name (and an optional explicit path) into a verified model file: looks the name up in the manifest,
/// finds the file (<see cref="ModelLocator"/>), checks it (<see cref="ModelVerifier"/>) and settles its output layout
/// (the manifest's, else the one its output shape implies). Every failure is a <see cref="ModelFileException"/> or
/// <see cref="KeyNotFoundException"/> whose message says what is wrong and what was expected.
/// </summary>
public sealed class ModelCatalog
{
    public ModelCatalog(ModelManifest manifest, ModelLocator locator)
    {
        Manifest = manifest;
        Locator = locator;
    }

    public ModelManifest Manifest { get; }
    public ModelLocator Locator { get; }

    /// <summary>The built-in manifest with the mirror folders and download cache as they are now.</summary>
    public static ModelCatalog Default() => new(ModelManifest.BuiltIn, ModelLocator.FromAssetMirror());

    public ResolvedModel Resolve(string name, string? explicitPath = null)
    {
        var entry = Manifest.Find(name);
        var path = Locator.Locate(entry, explicitPath);
        var verification = ModelVerifier.Verify(path, entry).EnsureValid();
        var layout = entry.DeclaredLayout ?? LayoutFromShape(entry, verification);
        return new ResolvedModel(entry, verification.Path, verification, layout);
    }

    private static OutputLayout LayoutFromShape(ModelManifestEntry entry, ModelVerification verification)
    {
        try
        {
            return OutputLayouts.FromShape(verification.OutputShape!, entry.Labels.Count);
        }
        catch (InvalidDataException e)
        {
            throw new ModelFileException($"model file {verification.Path} ('{entry.Name}'): {e.Message}", verification.Path, e);
        }
    }
}
