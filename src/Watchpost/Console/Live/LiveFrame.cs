using System.Text;

namespace Watchpost.WebConsole.Live;

/// <summary>
/// One Server-Sent Events message, encoded once as UTF-8 and shared by every connected console (so that ten
/// consoles cost one serialisation per change, not ten).
/// </summary>
/// <param name="Seq">The change's number; 0 for a ping.</param>
internal sealed class LiveFrame(long seq, byte[] bytes)
{
    public static LiveFrame Ping { get; } = new(0, Encoding.UTF8.GetBytes(": ping\n\n"));

    public long Seq { get; } = seq;

    public ReadOnlyMemory<byte> Bytes { get; } = bytes;

    public static LiveFrame Change(long seq, ReadOnlySpan<byte> json)
    {
        var head = Encoding.UTF8.GetBytes($"id: {seq}\nevent: change\ndata: ");
        var bytes = new byte[head.Length + json.Length + 2];
        head.CopyTo(bytes, 0);
        json.CopyTo(bytes.AsSpan(head.Length));
        bytes[^2] = (byte)'\n';
        bytes[^1] = (byte)'\n';
        return new LiveFrame(seq, bytes);
    }

    /// <summary>"The gap is lost: reload" (with the id, so that the browser's next reconnect asks from here).</summary>
    public static LiveFrame Reset(long seq) => new(seq, Encoding.UTF8.GetBytes($"id: {seq}\nevent: reset\ndata: {{\"seq\":{seq}}}\n\n"));
}
