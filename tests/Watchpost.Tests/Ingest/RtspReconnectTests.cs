using Watchpost.Configuration;
using Watchpost.Ingest;
using Watchpost.Tests.Support;
using Xunit.Abstractions;

namespace Watchpost.Tests.Ingest;

/// <summary>A camera that goes away and comes back on the same address.</summary>
public sealed class RtspReconnectTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task The_reader_reconnects_when_the_server_comes_back()
    {
        using var server = await RtspTestServer.StartAsync("lobby");
        using var logs = new CapturedLogs(output);
        var camera = new CameraOptions { Id = "lobby-1", Url = server.UrlFor("lobby"), Transport = "udp", FrameTimeoutSeconds = 5 };
        await using var source = FrameSourceFactory.Create(camera, logs.Factory);
        source.Start(CancellationToken.None);
        var before = await FrameReading.TakeAsync(source, 5, Timeout);

        server.Stop();
        await Poll.UntilAsync(() => source.State == CameraState.Reconnecting, Timeout, () => $"state {source.State}");
        Assert.NotNull(source.LastError);
        var cut = source.Counters.FramesIn;
        await server.StartAsync();
        output.WriteLine("server restarted");

        // Frames the source held from before the cut may still be in its channel: wait for newer ones.
        using var cancel = new CancellationTokenSource(Timeout);
        var after = new List<FrameFacts>();
        while (after.Count < 5)
        {
            using var frame = await source.Frames.ReadAsync(cancel.Token);
            if (frame.Index >= cut)
            {
                after.Add(FrameReading.Facts(frame));
            }
        }

        Assert.True(source.Counters.Reconnects > 0);
        Assert.Equal(CameraState.Streaming, source.State);
        Assert.Null(source.LastError);
        Assert.True(after[0].Timestamp > before[^1].Timestamp, "timestamps keep increasing across the reconnect");
        Assert.All(after, f => Assert.Equal((TestClip.Width, TestClip.Height), (f.Width, f.Height)));
        Assert.Contains(logs.Lines, l => l.StartsWith("Warning: Camera lobby-1 (", StringComparison.Ordinal) && l.Contains("the stream ended after", StringComparison.Ordinal));
    }
}
