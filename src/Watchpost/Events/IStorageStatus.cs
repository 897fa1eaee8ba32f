namespace Watchpost.Events;

/// <summary>How the event log is doing, for the state topic, the console banner and `doctor`.</summary>
public interface IStorageStatus
{
    StorageStatus Current { get; }
}
