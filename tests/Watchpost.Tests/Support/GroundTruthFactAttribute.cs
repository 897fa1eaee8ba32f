namespace Watchpost.Tests.Support;

/// <summary>
/// A fact scored against the PETS09-S2L1 ground truth, which the project may not redistribute: on a machine whose
/// mirror folders lack it, the test is reported as skipped with one line saying what is missing and where to get it.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class GroundTruthFactAttribute : FactAttribute
{
    public GroundTruthFactAttribute()
    {
        Skip = GroundTruthSkip.Reason;
    }
}

/// <summary>The theory form of <see cref="GroundTruthFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class GroundTruthTheoryAttribute : TheoryAttribute
{
    public GroundTruthTheoryAttribute()
    {
        Skip = GroundTruthSkip.Reason;
    }
}

internal static class GroundTruthSkip
{
    public const string RelativePath = "media/PETS09-S2L1.gt.txt";

    /// <summary>Null when the file is found.</summary>
    public static string? Reason => Watchpost.Assets.AssetMirror.Find(RelativePath) is null
        ? $"needs {RelativePath}: gt/gt.txt of PETS09-S2L1 in the MOTChallenge 2DMOT2015 training set (https://motchallenge.net/data/MOT15/, " +
          "not redistributed by this project), copied into $WATCHPOST_MIRROR/media, ../shared/media or ~/.cache/watchpost/media"
        : null;
}
