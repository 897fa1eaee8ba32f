using Watchpost.Configuration;
using Watchpost.Tracking;

namespace Watchpost.Behaviours;

/// <summary>The common "which objects count" parameters of a rule: confirmed tracks of its classes within its size range.</summary>
public sealed class TrackFilter
{
    private readonly bool[] _classes;
    private readonly float _minHeight;
    private readonly float _maxHeight;

    public TrackFilter(RuleOptions rule, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(rule);
        Labels = labels;
        _classes = [.. labels.Select(l => rule.Classes.Contains(l, StringComparer.OrdinalIgnoreCase))];
        _minHeight = (float)(rule.MinSize ?? 0);
        _maxHeight = (float)(rule.MaxSize ?? float.MaxValue);
    }

    public IReadOnlyList<string> Labels { get; }

    public bool Accepts(in Track track) =>
        track.IsConfirmed && WatchesClass(track.ClassId) && track.Box.Height >= _minHeight && track.Box.Height <= _maxHeight;

    public bool WatchesClass(int classId) => classId >= 0 && classId < _classes.Length && _classes[classId];

    public string ClassName(int classId) => classId >= 0 && classId < Labels.Count ? Labels[classId] : $"class{classId}";
}
