namespace Watchpost.Ingest;

/// <summary>One connection to a camera failed or ended; the message says what happened (ffmpeg's own words).</summary>
internal sealed class ConnectionFailedException(string message) : Exception(message);
