namespace Watchpost.Ingest;

public enum CameraState
{
    Starting,
    Streaming,
    Reconnecting,
    Failed,
    Stopped,
}
