using Watchpost.Detection;

namespace Watchpost.Tracking;

/// <summary>
/// ByteTrack (Zhang et al., 2022) for one camera: Kalman-predicted boxes, high-score detections associated first
/// with every confirmed or lost track, then low-score detections with the tracks still unmatched, then tentative
/// tracks with what is left; optimal (Hungarian) assignment on IoU, never across classes. A track is confirmed
/// after <see cref="ByteTrackerOptions.ConfirmHits"/> consecutive hits and ends <see cref="ByteTrackerOptions.LostBuffer"/>
/// after its last high-score detection. Pure: no I/O, frames in timestamp order; time is the frames' own timestamps.
/// </summary>
public sealed class ByteTracker : IObjectTracker
{
    private readonly ByteTrackerOptions _options;
    private readonly List<TrackState> _active = [];   // matched in the last frame: tentative and confirmed
    private readonly List<TrackState> _lost = [];     // confirmed, unmatched for less than the lost buffer
    private TimeSpan? _lastTimestamp;
    private int _nextId = 1;

    public ByteTracker(ByteTrackerOptions? options = null)
    {
        _options = options ?? new ByteTrackerOptions();
        _options.Validate();
    }

    public IReadOnlyList<Track> Update(TimeSpan timestamp, ReadOnlySpan<DetectedObject> detections)
    {
        if (timestamp < _lastTimestamp)
        {
            throw new ArgumentException(
                $"Frames must come in time order: timestamp {timestamp} is before the previous {_lastTimestamp}.", nameof(timestamp));
        }

        var seconds = _lastTimestamp is { } last ? (timestamp - last).TotalSeconds : 0;
        _lastTimestamp = timestamp;

        var high = new List<DetectedObject>();
        var low = new List<DetectedObject>();
        foreach (var detection in detections)
        {
            if (detection.Score >= _options.HighScoreThreshold)
            {
                high.Add(detection);
            }
            else if (detection.Score >= _options.LowScoreThreshold)
            {
                low.Add(detection);
            }
        }

        var confirmed = new List<TrackState>();
        var tentative = new List<TrackState>();
        foreach (var track in _active)
        {
            track.Predict(seconds);
            (track.IsConfirmed ? confirmed : tentative).Add(track);
        }

        foreach (var track in _lost)
        {
            track.Predict(seconds);
        }

        // 1. High-score detections against every confirmed track, lost ones included.
        var pool = new List<TrackState>(confirmed.Count + _lost.Count);
        pool.AddRange(confirmed);
        pool.AddRange(_lost);
        var unmatchedHigh = Associate(pool, high, _options.HighMatchMinIou, _options.FuseScore, timestamp, confident: true);

        // 2. Low-score detections only hold on to tracks followed until the last frame; they never revive lost ones.
        Associate([.. confirmed.Where(t => !t.IsMatched)], low, _options.LowMatchMinIou, fuseScore: false, timestamp, confident: false);

        // 3. Tentative tracks take leftover high-score detections; one that misses a frame is dropped.
        var leftover = Associate(tentative, unmatchedHigh, _options.TentativeMatchMinIou, _options.FuseScore, timestamp, confident: true);

        var next = new List<TrackState>(_active.Count + leftover.Count);
        var nextLost = new List<TrackState>(_lost.Count + confirmed.Count);
        foreach (var track in pool.Concat(tentative))
        {
            if (Expired(track, timestamp))
            {
                continue;
            }

            if (track.IsMatched)
            {
                track.IsConfirmed |= track.Hits >= _options.ConfirmHits;
                next.Add(track);
            }
            else if (track.IsConfirmed)
            {
                track.Miss();
                nextLost.Add(track);
            }
        }

        // 4. New tentative tracks from confident detections nobody claimed.
        foreach (var detection in leftover)
        {
            if (detection.Score >= _options.NewTrackScoreThreshold)
            {
                var track = new TrackState(_nextId++, detection, timestamp, _options.Noise);
                track.IsConfirmed = _options.ConfirmHits <= 1;
                next.Add(track);
            }
        }

        RemoveDuplicates(next, nextLost);
        _active.Clear();
        _active.AddRange(next);
        _lost.Clear();
        _lost.AddRange(nextLost);

        var result = new Track[_active.Count + _lost.Count];
        var n = 0;
        foreach (var track in _active)
        {
            result[n++] = track.ToTrack();
        }

        foreach (var track in _lost)
        {
            result[n++] = track.ToTrack();
        }

        return result;
    }

    /// <summary>A track ends <see cref="ByteTrackerOptions.LostBuffer"/> after its last high-score detection (or any, with ByteTrack's original rule).</summary>
    private bool Expired(TrackState track, TimeSpan now) =>
        now - (_options.LowScoreRenewsTrack ? track.LastSeen : track.LastConfident) > _options.LostBuffer;

    /// <summary>Matches tracks to detections on IoU with their predicted boxes and returns the detections left unmatched.</summary>
    private static List<DetectedObject> Associate(
        List<TrackState> tracks, List<DetectedObject> detections, float minIou, bool fuseScore, TimeSpan timestamp, bool confident)
    {
        if (tracks.Count == 0 || detections.Count == 0)
        {
            return detections;
        }

        var cost = new double[tracks.Count, detections.Count];
        for (var t = 0; t < tracks.Count; t++)
        {
            var predicted = tracks[t].Predicted;
            for (var d = 0; d < detections.Count; d++)
            {
                var detection = detections[d];
                if (detection.ClassId != tracks[t].ClassId)
                {
                    cost[t, d] = double.PositiveInfinity;
                    continue;
                }

                var iou = predicted.IntersectionOverUnion(detection.Box);
                var similarity = fuseScore ? iou * detection.Score : iou;
                cost[t, d] = iou < minIou ? double.PositiveInfinity : 1 - similarity;
            }
        }

        var detectionMatched = new bool[detections.Count];
        foreach (var (t, d) in LinearAssignment.SolveWithLimit(cost, 1 - minIou))
        {
            tracks[t].Match(detections[d], timestamp, confident);
            detectionMatched[d] = true;
        }

        return [.. detections.Where((_, i) => !detectionMatched[i])];
    }

    /// <summary>A lost track that a current track overlaps almost exactly is one object seen twice: keep the older.</summary>
    private void RemoveDuplicates(List<TrackState> active, List<TrackState> lost)
    {
        var dropActive = new HashSet<TrackState>();
        var dropLost = new HashSet<TrackState>();
        foreach (var a in active)
        {
            foreach (var l in lost)
            {
                if (a.ClassId == l.ClassId && a.Box.IntersectionOverUnion(l.Box) > _options.DuplicateIou)
                {
                    _ = a.FirstSeen <= l.FirstSeen ? dropLost.Add(l) : dropActive.Add(a);
                }
            }
        }

        active.RemoveAll(dropActive.Contains);
        lost.RemoveAll(dropLost.Contains);
    }
}
