namespace Watchpost.Ingest;

/// <summary>A reader error that no reconnect can fix: the source goes to <see cref="CameraState.Failed"/>.</summary>
internal sealed class PermanentSourceException(string message) : Exception(message);
