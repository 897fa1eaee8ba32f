using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OpenCvSharp;
using Watchpost.Events;
using Watchpost.Hosting;
using Watchpost.Tests.Events;
using Watchpost.Tests.Support;
using Xunit.Abstractions;

namespace Watchpost.Tests.Hosting;

/// <summary>
/// The real pipeline on vtest.avi: the live MJPEG view of a camera, the track's path on a started event, and the
/// privacy mask blurred in its stored snapshot.
/// </summary>
public sealed class CameraLiveViewTests(FootageAppliance appliance, ITestOutputHelper output) : IClassFixture<FootageAppliance>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_live_view_streams_jpeg_parts_of_the_asked_width_to_a_viewer_only_while_one_watches()
    {
        var live = appliance.Services.GetRequiredService<CameraLiveViews>().For(FootageAppliance.CameraId);
        CameraStatus Status() => appliance.Supervisor.Status().Single();
        Assert.True(await Poll.UntilAsync(() => Status().FramesProcessed >= 5, Timeout), Status().ToString());
        Assert.Equal(0, live.Rendered);   // frames went by, nobody watched: nothing was encoded

        using (var anonymous = ConsoleLogin.Client(appliance.Url))
        {
            using var refused = await anonymous.GetAsync(new Uri($"/api/cameras/{FootageAppliance.CameraId}/live.mjpg", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var http = await ConsoleLogin.LoggedInAsync(appliance.Url, FootageAppliance.Viewer, FootageAppliance.Password);
        foreach (var (query, status) in new[] { ("width=40", HttpStatusCode.BadRequest), ("fps=11", HttpStatusCode.BadRequest), ("", HttpStatusCode.NotFound) })
        {
            var camera = status == HttpStatusCode.NotFound ? "no-such-camera" : FootageAppliance.CameraId;
            using var bad = await http.GetAsync(new Uri($"/api/cameras/{camera}/live.mjpg?{query}", UriKind.Relative));
            Assert.Equal(status, bad.StatusCode);
            Assert.Contains("\"error\"", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var clock = Stopwatch.StartNew();
        using (var response = await http.GetAsync(new Uri($"/api/cameras/{FootageAppliance.CameraId}/live.mjpg?width=320&fps=5", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("multipart/x-mixed-replace", response.Content.Headers.ContentType?.MediaType);
            var boundary = response.Content.Headers.ContentType!.Parameters.Single(p => p.Name == "boundary").Value!;
            await using var body = await response.Content.ReadAsStreamAsync();
            using var reading = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            for (var part = 0; part < 3; part++)
            {
                var jpeg = await ReadPartAsync(body, boundary, reading.Token);
                using var picture = Cv2.ImDecode(jpeg, ImreadModes.Color);
                Assert.False(picture.Empty(), $"part {part} is not a JPEG");
                Assert.Equal(new Size(320, 240), picture.Size());   // 768x576 scaled to the asked width
                // The windows under the mask (20..260 x 10..150 in camera pixels) are blurred in the live view too.
                Assert.True(PrivacyMaskTests.Detail(picture, new Rect(12, 8, 80, 45)) < 3, $"part {part}: detail under the mask");
            }

            output.WriteLine($"3 parts in {clock.Elapsed.TotalSeconds:F2} s; {live.Rendered} pictures encoded");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"3 parts took {clock.Elapsed}");
            Assert.True(live.IsWatched);
        }

        // The client went: the camera stops encoding.
        Assert.True(await Poll.UntilAsync(() => !live.IsWatched, TimeSpan.FromSeconds(10)), "still encoding after the viewer left");
        var rendered = live.Rendered;
        var processed = Status().FramesProcessed;
        Assert.True(await Poll.UntilAsync(() => Status().FramesProcessed > processed + 5, Timeout));
        Assert.Equal(rendered, live.Rendered);
    }

    [Fact]
    public async Task A_started_event_of_the_real_pipeline_has_the_track_path_ending_at_its_box_and_a_snapshot_with_the_mask_blurred()
    {
        var store = appliance.Services.GetRequiredService<IEventStore>();
        SecurityEvent? found = null;
        Assert.True(await Poll.UntilAsync(async () =>
        {
            found = (await store.ListRecentAsync(50)).FirstOrDefault(e => e.SnapshotId is not null && e.Path.Count >= 3);
            return found is not null;
        }, TimeSpan.FromSeconds(120)), "no event with a path and a snapshot within 120 s");
        var e = found!;
        output.WriteLine($"event {e.Id}: box [{string.Join(", ", e.BoxArray)}], path {string.Join(" ", e.Path.Select(p => $"({p[0]:F0},{p[1]:F0})"))}");

        // The path leads to the box: its points are the box's bottom centre over time, the latest one close to it.
        var (bottomX, bottomY) = (e.Box.X + (e.Box.Width / 2), e.Box.Y + e.Box.Height);
        var last = e.Path[^1];
        var distance = Math.Sqrt(Math.Pow(last[0] - bottomX, 2) + Math.Pow(last[1] - bottomY, 2));
        Assert.True(distance < Math.Max(30, e.Box.Height / 2), $"the path ends {distance:F0} px from the box's bottom centre");
        Assert.All(e.Path, p => Assert.True(p[0] is >= 0 and <= 768 && p[1] is >= 0 and <= 576, $"point ({p[0]}, {p[1]}) outside the frame"));

        Assert.True(await Poll.UntilAsync(async () => await store.OpenSnapshotAsync(e.Id) is { } s && await DisposeAsync(s), Timeout));
        await using var snapshot = await store.OpenSnapshotAsync(e.Id);
        using var bytes = new MemoryStream();
        await snapshot!.CopyToAsync(bytes);
        using var image = Cv2.ImDecode(bytes.ToArray(), ImreadModes.Color);
        var inside = new Rect(40, 30, 200, 100);
        var (raw, stored) = (PrivacyMaskTests.Detail(EventTestData.FootageFrame, inside), PrivacyMaskTests.Detail(image, inside));
        output.WriteLine($"detail under the mask: {raw:F2} in the footage, {stored:F2} in the stored snapshot");
        Assert.True(stored < raw / 5, $"the stored snapshot keeps detail under the mask: {stored:F2} (footage {raw:F2})");
        Assert.True(PrivacyMaskTests.MeanDifference(image, EventTestData.FootageFrame, inside) > 10);

        // Outside the mask the building is as filmed (only JPEG's loss and the footage's own changes).
        var building = new Rect(300, 0, 250, 90);
        var outsideDifference = PrivacyMaskTests.MeanDifference(image, EventTestData.FootageFrame, building);
        // (the snapshot is another frame than the reference: walkers, the sky's light and JPEG give up to about 8-10)
        Assert.True(outsideDifference < 12, $"outside the mask the snapshot differs from the footage by {outsideDifference:F1} on average");
        Assert.True(PrivacyMaskTests.Detail(image, building) > PrivacyMaskTests.Detail(EventTestData.FootageFrame, building) / 2);
    }

    private static async Task<bool> DisposeAsync(Stream stream)
    {
        await stream.DisposeAsync();
        return true;
    }

    /// <summary>Reads one part: the boundary line, headers (with Content-Type image/jpeg and Content-Length), and that many bytes.</summary>
    private static async Task<byte[]> ReadPartAsync(Stream body, string boundary, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string line;
        do
        {
            line = await ReadLineAsync(body, cancellationToken);
        }
        while (line.Length == 0);
        Assert.Equal("--" + boundary, line);
        while ((line = await ReadLineAsync(body, cancellationToken)).Length > 0)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        Assert.Equal("image/jpeg", headers["Content-Type"]);
        var jpeg = new byte[int.Parse(headers["Content-Length"], System.Globalization.CultureInfo.InvariantCulture)];
        await body.ReadExactlyAsync(jpeg, cancellationToken);
        return jpeg;
    }

    private static async Task<string> ReadLineAsync(Stream body, CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (true)
        {
            await body.ReadExactlyAsync(one, cancellationToken);
            if (one[0] == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }

            line.Append((char)one[0]);
        }
    }
}
