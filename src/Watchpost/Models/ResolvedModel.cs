using Watchpost.Detection.Decoding;

namespace Watchpost.Models;

/// <summary>A manifest model whose file was found and verified, with the output layout it was found to have.</summary>
public sealed record ResolvedModel(ModelManifestEntry Entry, string Path, ModelVerification Verification, OutputLayout Layout);
