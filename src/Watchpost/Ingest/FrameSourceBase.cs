using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Mat = OpenCvSharp.Mat;
using Watchpost.Configuration;

namespace Watchpost.Ingest;

/// <summary>
/// What every camera reader shares: the bounded frame channel, counters and state, reconnecting with back-off,
/// and the frame-gap watchdog. A subclass reads one connection in <see cref="RunConnectionAsync"/> and hands each
/// frame to <see cref="PublishAsync"/>; the base runs connections one after another until disposal.
/// </summary>
/// <remarks>
/// Live sources keep at most <see cref="Capacity"/> frames and drop (dispose and count) the oldest when the
/// consumer is slow, so memory never grows; a file read as fast as possible waits for the consumer instead.
/// </remarks>
public abstract class FrameSourceBase : IFrameSource
{
    /// <summary>Frames a source holds for its consumer: newest wins beyond this.</summary>
    public const int Capacity = 2;

    /// <summary>How long a connection may take to stop after it is cancelled before it is abandoned.</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan MinStartTimeout = TimeSpan.FromSeconds(10);

    private readonly Channel<VideoFrame> _channel;
    private readonly ILogger _logger;
    private readonly Stopwatch _clock = new();
    private readonly ReconnectBackoff _backoff;
    private CancellationTokenSource? _stop;
    private Task? _run;
    private volatile CameraState _state = CameraState.Starting;
    private volatile string? _lastError;
    private long _nextIndex;
    private long _lastProgressTicks;
    private volatile bool _waitingForConsumer;
    private volatile bool _connectionStreaming;
    private volatile CancellationTokenSource? _restart;
    private int _disposed;

    protected FrameSourceBase(CameraOptions camera, ILogger logger, bool live)
        : this(camera, logger, live, ReconnectBackoff.Default)
    {
    }

    private protected FrameSourceBase(CameraOptions camera, ILogger logger, bool live, ReconnectBackoff backoff)
    {
        ArgumentNullException.ThrowIfNull(camera);
        ArgumentNullException.ThrowIfNull(logger);
        Camera = camera;
        _logger = logger;
        _backoff = backoff;
        DisplayUrl = UrlRedaction.Redact(camera.Url);
        FrameTimeout = TimeSpan.FromSeconds(camera.FrameTimeoutSeconds > 0 ? camera.FrameTimeoutSeconds : 5);
        var options = new BoundedChannelOptions(Capacity)
        {
            FullMode = live ? BoundedChannelFullMode.DropOldest : BoundedChannelFullMode.Wait,
            SingleWriter = true,
        };
        _channel = Channel.CreateBounded<VideoFrame>(options, OnDropped);
    }

    public string CameraId => Camera.Id;
    public CameraState State => _state;
    public string? LastError => _lastError;
    public CameraCounters Counters { get; } = new();
    public ChannelReader<VideoFrame> Frames => _channel.Reader;

    /// <summary>Frames waiting in the channel (never more than <see cref="Capacity"/>).</summary>
    public int Buffered => _channel.Reader.Count;

    public virtual bool DeliversDetectRate => false;

    public virtual TimeSpan? DecoderCpuTime => null;

    public virtual IngestReduction? Reduction => null;

    public virtual bool TryReduce(IngestReduction? reduction) => false;

    protected CameraOptions Camera { get; }

    /// <summary>The camera URL with any password hidden: use it in every log line and message.</summary>
    protected string DisplayUrl { get; }

    protected TimeSpan FrameTimeout { get; }

    /// <summary>
    /// How long a new connection may take to its first frame: more than the frame gap, because connecting and
    /// probing a stream and waiting for its first key frame (cameras often send one every 2-4 s) take a while.
    /// </summary>
    protected TimeSpan StartTimeout => FrameTimeout * 2 > MinStartTimeout ? FrameTimeout * 2 : MinStartTimeout;

    /// <summary>Time since <see cref="Start"/>: the clock live timestamps are on.</summary>
    protected TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Index the next published frame gets (it keeps counting across reconnects and loops).</summary>
    protected long NextFrameIndex => Interlocked.Read(ref _nextIndex);

    public void Start(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (_run is not null)
        {
            throw new InvalidOperationException($"camera '{CameraId}': the frame source is already started");
        }

        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _clock.Start();
        var stop = _stop.Token;
        _run = Task.Run(() => RunAsync(stop), CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_stop is not null && _run is not null)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await _run.WaitAsync(StopGrace + StopGrace).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                _logger.LogWarning("Camera {Camera} ({Url}): the reader did not stop in time; abandoning it", CameraId, DisplayUrl);
            }
        }

        _channel.Writer.TryComplete();
        while (_channel.Reader.TryRead(out var frame))
        {
            frame.Dispose();
        }

        _state = CameraState.Stopped;
        await DisposeCoreAsync().ConfigureAwait(false);
        _stop?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Reads one connection (one ffmpeg process, one opened capture) until it fails (throw: the base logs the
    /// error and reconnects with back-off) or the source has no more frames (return: a file that does not loop).
    /// Must stop promptly when <paramref name="cancellationToken"/> fires: the watchdog and disposal use it.
    /// </summary>
    protected abstract Task RunConnectionAsync(CancellationToken cancellationToken);

    /// <summary>True for an error that no retry can fix (a file that cannot be decoded, no ffmpeg installed).</summary>
    protected virtual bool IsPermanent(Exception error) => error is CameraUrlException or PermanentSourceException;

    /// <summary>What the reader last said, added to a watchdog error (ffmpeg's last problem lines, say).</summary>
    protected virtual string? StallDetails => null;

    /// <summary>Releases what the subclass holds, after its reader has stopped.</summary>
    protected virtual ValueTask DisposeCoreAsync() => ValueTask.CompletedTask;

    /// <summary>
    /// Hands a frame to the consumer. The source takes ownership of <paramref name="image"/> and
    /// <paramref name="pixelOwner"/> whatever happens. A live source never waits here; a file source waits
    /// while the consumer is behind (and the watchdog does not count that time as a frame gap).
    /// </summary>
    protected async ValueTask PublishAsync(Mat image, IDisposable? pixelOwner, TimeSpan timestamp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        var frame = new VideoFrame(CameraId, Interlocked.Read(ref _nextIndex), timestamp, DateTimeOffset.UtcNow, image, pixelOwner);
        if (cancellationToken.IsCancellationRequested)
        {
            frame.Dispose(); // an abandoned connection must not deliver frames after the next one started
            cancellationToken.ThrowIfCancellationRequested();
        }

        Interlocked.Increment(ref _nextIndex);
        Counters.FrameIn();
        MarkProgress();
        if (!_connectionStreaming)
        {
            _connectionStreaming = true;
            _lastError = null;
            _state = CameraState.Streaming;
            _logger.LogInformation("Camera {Camera} streaming {Url} ({Width}x{Height})", CameraId, DisplayUrl, image.Width, image.Height);
        }

        if (_channel.Writer.TryWrite(frame))
        {
            return;
        }

        _waitingForConsumer = true; // only a waiting (file) channel gets here
        try
        {
            await _channel.Writer.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            frame.Dispose();
            throw;
        }
        finally
        {
            _waitingForConsumer = false;
            MarkProgress();
        }
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var failures = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var framesBefore = NextFrameIndex;
                var (error, restart) = await RunOneConnectionAsync(stop).ConfigureAwait(false);
                if (restart && !stop.IsCancellationRequested)
                {
                    continue; // asked for (new reader settings): no back-off, not a reconnect
                }

                if (error is null || stop.IsCancellationRequested)
                {
                    break; // the source is done (a file ended) or is being disposed
                }

                failures = NextFrameIndex > framesBefore ? 1 : failures + 1; // frames flowed: back-off starts over
                var message = ErrorMessage(error);
                _lastError = message;
                if (IsPermanent(error))
                {
                    _state = CameraState.Failed;
                    _logger.LogError("Camera {Camera} ({Url}) failed: {Error}", CameraId, DisplayUrl, message);
                    return;
                }

                _state = CameraState.Reconnecting;
                var delay = _backoff.DelayBefore(failures);
                _logger.Log(
                    failures == 1 || IsPowerOfTwo(failures) ? LogLevel.Warning : LogLevel.Debug,
                    "Camera {Camera} ({Url}): {Error}; reconnecting in {Delay:0.0} s (attempt {Attempt})",
                    CameraId, DisplayUrl, message, delay.TotalSeconds, failures);
                await Task.Delay(delay, stop).ConfigureAwait(false);
                Counters.Reconnected();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            _lastError = ex.Message; // a bug in the loop itself: say so rather than dying silently
            _state = CameraState.Failed;
            _logger.LogError(ex, "Camera {Camera} ({Url}): the reader stopped unexpectedly", CameraId, DisplayUrl);
            return;
        }
        finally
        {
            _channel.Writer.TryComplete();
        }

        if (_state != CameraState.Failed)
        {
            _state = CameraState.Stopped;
        }
    }

    /// <summary>
    /// Ends the running connection and starts a new one at once, without back-off and without counting a
    /// reconnect: for a subclass whose reader settings changed.
    /// </summary>
    /// <remarks>Between connections there is nothing to end: the next one reads the new settings as it starts.</remarks>
    protected void RestartConnection()
    {
        try
        {
            // Not Cancel(): its callbacks kill ffmpeg and wait for the reader, and a caller may restart many cameras in a row.
            _ = _restart?.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            // That connection just ended; the next one starts with the new settings.
        }
    }

    /// <summary>Runs one connection under the watchdog; returns why it failed (null when the source is done), or that a restart was asked for.</summary>
    private async Task<(Exception? Error, bool Restart)> RunOneConnectionAsync(CancellationToken stop)
    {
        // A restart cancels the connection like the watchdog or disposal would; its own token tells them apart.
        using var restart = new CancellationTokenSource();
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(stop, restart.Token);
        _restart = restart;
        _connectionStreaming = false;
        MarkProgress();
        var watchdog = WatchdogAsync(connection);
        var token = connection.Token;
        var reader = Task.Run(() => RunConnectionAsync(token), CancellationToken.None); // its synchronous start too
        try
        {
            await reader.WaitAsync(connection.Token).ConfigureAwait(false);
            return (null, false);
        }
        catch (Exception ex) when (!connection.IsCancellationRequested)
        {
            return (ex, false);
        }
        catch (Exception) when (restart.IsCancellationRequested && !stop.IsCancellationRequested)
        {
            await StopReaderAsync(reader).ConfigureAwait(false);
            _logger.LogInformation("Camera {Camera} ({Url}): reader restarted with new settings", CameraId, DisplayUrl);
            return (null, true);
        }
        catch (Exception)
        {
            // Cancelled by the watchdog or by disposal (the reader may have failed first because it was killed).
            var stalled = _connectionStreaming
                ? $"no frame for {FrameTimeout.TotalSeconds:0.#} s (frame-gap watchdog); restarting the reader"
                : $"no frame within {StartTimeout.TotalSeconds:0.#} s of connecting (frame-gap watchdog); restarting the reader";
            if (StallDetails is { } details)
            {
                stalled += $"; {details}";
            }

            await StopReaderAsync(reader).ConfigureAwait(false);
            return (stop.IsCancellationRequested ? null : new TimeoutException(stalled), false);
        }
        finally
        {
            _restart = null;
            await connection.CancelAsync().ConfigureAwait(false);
            await watchdog.ConfigureAwait(false);
        }
    }

    private async Task StopReaderAsync(Task reader)
    {
        try
        {
            await reader.WaitAsync(StopGrace).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A blocked VideoCapture read cannot be interrupted: leave it; its frames are discarded (PublishAsync).
            _logger.LogWarning("Camera {Camera} ({Url}): the reader did not stop within {Seconds} s; abandoning it", CameraId, DisplayUrl, StopGrace.TotalSeconds);
        }
        catch (Exception)
        {
            // It was cancelled: how it ended no longer matters.
        }
    }

    private async Task WatchdogAsync(CancellationTokenSource connection)
    {
        var period = TimeSpan.FromMilliseconds(Math.Clamp(FrameTimeout.TotalMilliseconds / 5, 20, 500));
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(connection.Token).ConfigureAwait(false))
            {
                var gap = _clock.Elapsed - TimeSpan.FromTicks(Interlocked.Read(ref _lastProgressTicks));
                if (!_waitingForConsumer && gap > (_connectionStreaming ? FrameTimeout : StartTimeout))
                {
                    await connection.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void MarkProgress() => Interlocked.Exchange(ref _lastProgressTicks, _clock.Elapsed.Ticks);

    private void OnDropped(VideoFrame frame)
    {
        frame.Dispose();
        Counters.FrameDropped();
    }

    private static string ErrorMessage(Exception error) =>
        error is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0].Message : error.Message;

    private static bool IsPowerOfTwo(int value) => (value & (value - 1)) == 0;
}
