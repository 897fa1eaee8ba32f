namespace Watchpost.Mqtt.State;

/// <summary>Retained on <c>state</c>: the box's health (flat, so that a controller's template stays short).</summary>
/// <param name="Database">ok, recovered (a damaged file was moved aside), unavailable (events held in memory), or unknown.</param>
/// <param name="DatabaseMessage">What happened to the database, in words; null when ok.</param>
/// <param name="DiskFull">True while the storage folder is below its reserve: snapshots are dropped, alerts go on. Null when unknown.</param>
/// <param name="OutboxBacklog">Messages waiting for the broker's acknowledgement; null when unknown.</param>
/// <param name="DetectorProvider">The ONNX Runtime execution provider in use (cpu, cuda, tensorrt ...), or null when unknown.</param>
public sealed record DeviceStatePayload(
    string DeviceId,
    string Name,
    string Version,
    DateTime StartedAt,
    string Database,
    string? DatabaseMessage,
    bool? DiskFull,
    long? FreeBytes,
    long? SnapshotsDropped,
    int? OutboxBacklog,
    int? HeldInMemory,
    string? DetectorProvider,
    int? DetectorWorkers,
    int Cameras,
    int CamerasOnline,
    bool GpioEnabled,
    DateTime UpdatedAt);
