using System.Globalization;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Watchpost.Ingest;

/// <summary>
/// Reads one ffmpeg process's stderr: the output frame size, each frame's PTS (printed by the metadata filter),
/// the input stream's description, and the last few problem lines, which become the camera's error message.
/// </summary>
internal sealed partial class FfmpegLog
{
    private const int RecentLines = 6;
    private static readonly TimeSpan PtsWait = TimeSpan.FromMilliseconds(100);

    /// <summary>Information, and the aftermath of being stopped (a killed ffmpeg explains that it was killed).</summary>
    private static readonly string[] NoisePrefixes =
    [
        "Input #", "Output #", "Stream mapping", "Press [q]", "frame=", "video:", "Exiting normally", "Finishing stream",
        "Output file is empty", "Conversion failed", "av_interleaved_write_frame(): Broken pipe", "Error writing trailer",
        "Error closing file",
    ];

    private readonly TaskCompletionSource<(int Width, int Height)?> _outputSize = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<(long Frame, double Pts)> _pts = Channel.CreateUnbounded<(long, double)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly Queue<string> _recent = new();
    private readonly List<string> _inputStreams = [];
    private readonly string _cameraId;
    private readonly string _url;
    private readonly ILogger _logger;
    private bool _inOutput;
    private bool _waitForPts = true;

    public FfmpegLog(string cameraId, string url, ILogger logger)
    {
        _cameraId = cameraId;
        _url = url;
        _logger = logger;
    }

    /// <summary>Width and height of the raw frames; null when ffmpeg ended before it opened its output.</summary>
    public Task<(int Width, int Height)?> OutputSize => _outputSize.Task;

    /// <summary>ffmpeg's words for the input video stream (codec, pixel format, size, fps), once it is known.</summary>
    public string? InputDescription { get; private set; }

    /// <summary>ffmpeg's words for every input stream ("Video: h264 (Main), ...", "Data: none"): what a camera offers.</summary>
    public IReadOnlyList<string> InputStreams
    {
        get
        {
            lock (_inputStreams)
            {
                return [.. _inputStreams];
            }
        }
    }

    public async Task PumpAsync(StreamReader stderr)
    {
        try
        {
            while (await stderr.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                Handle(line);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The process was killed: nothing more to read.
        }
        finally
        {
            _outputSize.TrySetResult(null);
            _pts.Writer.TryComplete();
        }
    }

    public void Handle(string line)
    {
        if (PtsPattern().Match(line) is { Success: true } pts)
        {
            var seconds = double.TryParse(pts.Groups[2].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN;
            _pts.Writer.TryWrite((long.Parse(pts.Groups[1].Value, CultureInfo.InvariantCulture), seconds));
            return;
        }

        if (line.EndsWith($"] {FfmpegArguments.PtsMarker}=1", StringComparison.Ordinal))
        {
            return;
        }

        if (line.StartsWith("Output #", StringComparison.Ordinal))
        {
            _inOutput = true;
        }
        else if (!_inOutput && InputStreamPattern().Match(line) is { Success: true } input)
        {
            lock (_inputStreams)
            {
                _inputStreams.Add(input.Groups[1].Value.Trim());
            }
        }

        if (VideoStreamPattern().Match(line) is { Success: true } stream)
        {
            if (!_inOutput)
            {
                InputDescription = stream.Groups[1].Value.Trim();
            }
            else if (OutputSizePattern().Match(stream.Groups[1].Value) is { Success: true } size)
            {
                _outputSize.TrySetResult((int.Parse(size.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(size.Groups[2].Value, CultureInfo.InvariantCulture)));
            }
        }

        if (IsNoise(line))
        {
            return;
        }

        var clean = UrlRedaction.Redact(AddressPattern().Replace(line.Trim(), "]"), _url);
        _logger.LogDebug("Camera {Camera} ffmpeg: {Line}", _cameraId, clean);
        lock (_recent)
        {
            if (_recent.Count == 0 || _recent.Last() != clean)
            {
                _recent.Enqueue(clean);
                if (_recent.Count > RecentLines)
                {
                    _recent.Dequeue();
                }
            }
        }
    }

    /// <summary>The last problem lines ffmpeg wrote (say, "rtsp://...: Connection refused"), or null.</summary>
    public string? Summary()
    {
        lock (_recent)
        {
            return _recent.Count == 0 ? null : string.Join("; ", _recent.TakeLast(3));
        }
    }

    /// <summary>The problem lines ffmpeg wrote last (up to six, oldest first, passwords masked): what a probe's verdict is read from.</summary>
    public IReadOnlyList<string> ProblemLines()
    {
        lock (_recent)
        {
            return [.. _recent];
        }
    }

    /// <summary>
    /// The PTS (seconds) of the connection's <paramref name="frame"/>th frame, or null when ffmpeg did not print it.
    /// ffmpeg prints the line before it writes the frame, so it is at most a moment behind; when one does not come
    /// (an ffmpeg without the metadata filter's output), the rest of the connection stops waiting for them.
    /// </summary>
    public async ValueTask<double?> PtsOfFrameAsync(long frame, CancellationToken cancellationToken)
    {
        var reader = _pts.Reader;
        while (true)
        {
            while (reader.TryPeek(out var entry))
            {
                if (entry.Frame < frame)
                {
                    reader.TryRead(out _);
                    continue;
                }

                if (entry.Frame > frame)
                {
                    return null;
                }

                reader.TryRead(out _);
                return double.IsFinite(entry.Pts) ? entry.Pts : null;
            }

            if (!_waitForPts)
            {
                return null;
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(PtsWait);
            try
            {
                if (!await reader.WaitToReadAsync(wait.Token).ConfigureAwait(false))
                {
                    _waitForPts = false;
                    return null;
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                _waitForPts = false;
                return null;
            }
        }
    }

    private static bool IsNoise(string line) =>
        line.Length == 0 || char.IsWhiteSpace(line[0]) || NoisePrefixes.Any(prefix => line.StartsWith(prefix, StringComparison.Ordinal));


    [GeneratedRegex(@"\bframe:\s*(\d+)\s+pts:\s*\S+\s+pts_time:\s*(\S+)")]
    private static partial Regex PtsPattern();

    [GeneratedRegex(@"^\s*Stream #\d+:\d+.*?: ((?:Video|Audio|Data|Subtitle|Attachment): .*)$")]
    private static partial Regex InputStreamPattern();

    [GeneratedRegex(@"^\s*Stream #\d+:\d+.*?: Video: (.*)$")]
    private static partial Regex VideoStreamPattern();

    // "rawvideo (BGR[24] / 0x18524742), bgr24(pc, ...), 768x576, q=2-31": the size follows ", " (0x1852... does not).
    [GeneratedRegex(@"^rawvideo\b.*?,\s(\d+)x(\d+)\b")]
    private static partial Regex OutputSizePattern();

    [GeneratedRegex(@" @ 0x[0-9a-fA-F]+\]")]
    private static partial Regex AddressPattern();
}
