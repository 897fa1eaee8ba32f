namespace Watchpost.Models;

/// <summary>
/// A model file that is missing, corrupt, not an ONNX model, or not the model the manifest describes. The message
/// names the file and what was expected (where it was looked for and how to fetch it; the expected and actual
/// sha256; the expected and actual shapes).
/// </summary>
internal sealed class ModelFileException : Exception
{
    public ModelFileException(string message, string? path = null, Exception? innerException = null)
        : base(message, innerException)
    {
        FilePath = path;
    }

    public ModelFileException()
    {
    }

    public ModelFileException(string message)
        : base(message)
    {
    }

    public ModelFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The file at fault, when there is one.</summary>
    public string? FilePath { get; }
}
