namespace Watchpost.Tests.Support;

/// <summary>
/// A fact that runs against <see cref="GstRtspServer"/> (GStreamer's RTSP server from Debian; setup.sh installs it):
/// on a machine without it, it is reported as skipped with the packages to install, never as passed.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class GstRtspFactAttribute : FactAttribute
{
    public GstRtspFactAttribute()
    {
        if (GstRtspServer.Missing is { } missing)
        {
            Skip = $"needs {missing}; not found here";
        }
    }
}
