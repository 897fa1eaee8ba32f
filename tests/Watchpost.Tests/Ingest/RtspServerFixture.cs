using Watchpost.Tests.Support;

namespace Watchpost.Tests.Ingest;

/// <summary>One RTSP server publishing the test clip as "cam", shared by the tests of a class.</summary>
public sealed class RtspServerFixture : IAsyncLifetime
{
    public RtspTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RtspTestServer.StartAsync("cam");

    public Task DisposeAsync()
    {
        Server?.Dispose();
        return Task.CompletedTask;
    }
}
