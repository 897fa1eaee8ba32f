using BenchmarkDotNet.Attributes;
using Watchpost.Behaviours;
using Watchpost.Models;
using Watchpost.Tracking;

namespace Watchpost.Benchmarks;

/// <summary>
/// One camera's rule evaluation per frame at scale: 100 tracks walking about a 1920x1080 frame and 50 rules of
/// every type, built from a site file through the loader, catalogue and engine as the service builds them.
/// One operation = one frame. Steady state: the tracks keep moving (and entering, leaving, crossing), so the
/// rules do real work; the allocations measured include the events raised. <see cref="Moving"/> = false keeps
/// every track in place: no event, so what it allocates is the rules' own per-frame cost.
/// </summary>
/// <remarks>In-process: BenchmarkDotNet's generated project would not build under the repository's strict build settings.</remarks>
[MemoryDiagnoser]
[InProcess]
public class RuleEvaluationBenchmark
{
    private const int Tracks = 100;
    private const int Rules = 50;
    private const double Fps = 10;

    private readonly List<BehaviourEvent> _events = new(64);
    private CameraRuleEngine _engine = null!;
    private Track[] _tracks = [];
    private MotionField? _motion;
    private int _frame;

    [GlobalSetup]
    public void Setup()
    {
        var site = RuleSites.Build(Rules);
        var missing = RuleCatalog.Types.Keys.Except(site.Rules.Select(r => r.Type)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"the benchmark site has no rule of type {string.Join(", ", missing)}: add a template to RuleSites");
        }

        _engine = new CameraRuleEngine(ConfiguredRule.ForCamera(site, RuleSites.Camera, CocoLabels.All));
        _tracks = new Track[Tracks];
        if (_engine.NeedsMotion)
        {
            // A real (if synthetic) frame-difference field at the size the pipeline makes it.
            using var builder = new MotionFieldBuilder();
            using var a = new OpenCvSharp.Mat(1080, 1920, OpenCvSharp.MatType.CV_8UC3, OpenCvSharp.Scalar.All(90));
            using var b = new OpenCvSharp.Mat(1080, 1920, OpenCvSharp.MatType.CV_8UC3, OpenCvSharp.Scalar.All(120));
            builder.Update(a, TimeSpan.Zero);
            _motion = builder.Update(b, TimeSpan.FromSeconds(0.1));
        }

        // Warm up every rule's per-track state so that the measured frames are steady state.
        for (var i = 0; i < 600; i++)
        {
            Frame();
        }
    }

    /// <summary>Walking: people enter and leave zones and cross lines, so events are raised (and allocate).</summary>
    [Params(true, false)]
    public bool Moving { get; set; }

    [Benchmark(Description = "100 tracks x 50 rules, one frame")]
    public int Frame()
    {
        _frame++;
        var time = TimeSpan.FromSeconds(_frame / Fps);
        for (var i = 0; i < Tracks; i++)
        {
            // Standing still: the same places every frame once warmed up, the steady state with no event to raise.
            _tracks[i] = RuleSites.Walker(i, Moving ? _frame / Fps : 0);
        }

        _events.Clear();
        _engine.Evaluate(new RuleFrame(time, _tracks, _motion), DateTimeOffset.UnixEpoch + time, _events);
        return _events.Count;
    }
}
