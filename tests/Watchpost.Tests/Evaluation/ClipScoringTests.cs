using Watchpost.Evaluation;
using Watchpost.Tests.Support;

namespace Watchpost.Tests.Evaluation;

public class ClipScoringTests
{
    [Fact]
    public void Gmdcsa_labels_give_each_clip_in_the_folder_its_falling_range_or_none()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("fall.csv"), """
            File Name,Length (seconds),Time of Recording,Attire,Description, Classes
            13.mp4,04, Day (Light On),T-shirt & Trousers, Standing position to falling. Backward fall, Falling (BW)[0.4 to 4]; Standing[0 to 0.3]
            14.mp4,05, Day (Light On),T-shirt & Trousers, Backward fall, Falling (BW) [0.3 to 5]; Standing [0 to 0.2]
            """);
        File.WriteAllText(folder.File("adl.csv"), """
            File Name,Length (seconds),Time of Recording,Attire,Description, Classes
            10.mp4,03, Day (Light On), Full T-shirt & Trousers, Reading book while walking in the room, Reading[0 to 2.5]; Walking[0 to 3]
            """);

        var labels = new ClipLabels([folder.File("fall.csv"), folder.File("adl.csv")], positivePattern: null);

        Assert.Equal(new ClipLabel(true, 0.3, 5), labels.For(Path.Combine(folder.Path, "fall", "14.mp4")));
        Assert.Equal(new ClipLabel(false), labels.For(Path.Combine(folder.Path, "adl", "10.mp4")));
        Assert.Null(labels.For(Path.Combine(folder.Path, "adl", "13.mp4")));   // a file name of the other folder
    }

    [Fact]
    public void A_clip_counts_as_found_only_when_an_event_starts_inside_its_range_plus_the_slack()
    {
        var labels = new ClipLabels([], positivePattern: "fight-*");
        var videos = new List<(string, VideoEvents)>
        {
            ("/c/fight-1.mp4", Events("fight-1.mp4", 1.0)),
            ("/c/fight-2.mp4", Events("fight-2.mp4")),
            ("/c/nofight-1.mp4", Events("nofight-1.mp4", 0.5)),
            ("/c/nofight-2.mp4", Events("nofight-2.mp4")),
        };

        var score = ClipScoring.Score(videos, labels, [("r", "fight")], TimeSpan.FromSeconds(2)).Single();

        Assert.Equal((1, 1, 1, 1, 0.5), (score.TruePositives, score.FalsePositives, score.TrueNegatives, score.FalseNegatives, score.Accuracy));

        var ranged = new ClipLabels([], null);
        Assert.Empty(ClipScoring.Score(videos, ranged, [("r", "fight")], TimeSpan.Zero).Single().Clips);   // unlabelled clips are not scored
    }

    private static VideoEvents Events(string video, params double[] starts) =>
        new(video, 60, 20, [.. starts.Select(s => new EvaluatedEvent(video, "r", "fight", s, (int)(s * 20) + 1, null, null, null, new Dictionary<string, object>()))]);
}
