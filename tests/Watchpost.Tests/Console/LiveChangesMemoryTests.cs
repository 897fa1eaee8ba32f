using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Watchpost.Events;
using Watchpost.WebConsole.Live;
using Xunit.Abstractions;

namespace Watchpost.Tests.Console;

/// <summary>
/// The live stream's memory stays flat: ten consoles reading while 30,000 changes pass keep the managed heap where it
/// was once the ring was full. Alone in its collection, so that other tests' hosts do not move the heap meanwhile.
/// </summary>
[Collection(LiveChangesMemoryTests.Alone)]
public sealed class LiveChangesMemoryTests(ITestOutputHelper output)
{
    public const string Alone = "live changes memory (not in parallel)";

    private static readonly DateTime T0 = new(2026, 11, 30, 21, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Memory_stays_flat_with_ten_consoles_reading_30000_changes()
    {
        var feed = new EventFeed();
        var json = new JsonOptions();
        json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        using var live = new LiveChanges(feed, Options.Create(json), NullLogger<LiveChanges>.Instance);
        await live.StartAsync(CancellationToken.None);
        var e = Events.EventTestData.Event("ev-mem", T0);

        // Ten consoles reading everything while 30,000 changes pass: after the ring is full, memory does not grow.
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 10).Select(_ => live.Subscribe(live.Seq)).Select(s => Task.Run(async () =>
        {
            var n = 0L;
            try
            {
                await foreach (var frame in s.Reader.ReadAllAsync(stop.Token))
                {
                    n += frame.Bytes.Length;
                }
            }
            catch (OperationCanceledException)
            {
            }

            return n;
        })).ToList();

        async Task PublishAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                live.Publish(new EventChange(EventChangeKind.Updated, e, T0.AddSeconds(i)));
                if (i % 50 == 0)
                {
                    await Task.Delay(1);   // let the readers keep up, as consoles on a LAN do
                }
            }
        }

        await PublishAsync(LiveChanges.Capacity * 2);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        await PublishAsync(30_000);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        output.WriteLine($"managed heap {before / 1024} KiB -> {after / 1024} KiB after 30,000 more changes to 10 consoles; dropped {live.Dropped}");
        Assert.Equal(0, live.Dropped);
        Assert.Equal(10, live.Consoles);
        Assert.True(after - before < 2 * 1024 * 1024, $"the heap grew by {(after - before) / 1024} KiB");
        await stop.CancelAsync();
        await Task.WhenAll(readers);
        await live.StopAsync(CancellationToken.None);
    }
}
