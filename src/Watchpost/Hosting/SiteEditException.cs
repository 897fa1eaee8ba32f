namespace Watchpost.Hosting;

/// <summary>An edit of the site file that names something wrong (a field, an unknown rule or camera); nothing was written.</summary>
public sealed class SiteEditException(string message, bool unknownCamera = false) : Exception(message)
{
    /// <summary>The camera edited is not in the site file (a 404 to the console).</summary>
    public bool UnknownCamera { get; } = unknownCamera;
}
