namespace Watchpost.Ingest;

/// <summary>A camera's URL cannot be valid at all (unknown scheme, missing file): retrying would not help.</summary>
public sealed class CameraUrlException : Exception
{
    public CameraUrlException(string cameraId, string url, string problem)
        : base($"camera '{cameraId}': url '{UrlRedaction.Redact(url)}' {problem}")
    {
        CameraId = cameraId;
        Url = UrlRedaction.Redact(url);
    }

    public string CameraId { get; }

    /// <summary>The URL with any password hidden.</summary>
    public string Url { get; }
}
