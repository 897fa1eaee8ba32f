namespace Watchpost.Events;

/// <summary>What one retention pass removed (see <see cref="EventRetention"/>).</summary>
/// <param name="ByAge">Events older than storage.retainDays.</param>
/// <param name="BySize">Oldest events removed while the file was over storage.maxSizeGb.</param>
/// <param name="KeptForOutbox">Events that were due to go but kept because their alert is still in the outbox.</param>
/// <param name="BytesBefore">Database file (and its log) before the pass.</param>
/// <param name="BytesAfter">... and after (rebuilt when events were removed for size).</param>
/// <param name="OverBudget">True when the file is still over the budget (everything left is waiting for delivery).</param>
public sealed record RetentionResult(int ByAge, int BySize, int KeptForOutbox, long BytesBefore, long BytesAfter, bool OverBudget)
{
    public int Removed => ByAge + BySize;
}
