using Watchpost.Behaviours;
using Watchpost.Events;
using Watchpost.Gpio;
using Watchpost.Hosting;
using Watchpost.Ingest;

namespace Watchpost.Tests.Support;

/// <summary>A healthy event log with a backlog of 3.</summary>
internal sealed class FakeStorageStatus : IStorageStatus
{
    public StorageStatus Current { get; set; } = new("ok", null, false, 1_000_000_000, 0, 3, 0);
}
