using Watchpost.Detection;
using Watchpost.Evaluation;

namespace Watchpost.Tests.Evaluation;

public class MotChallengeFileTests
{
    [Fact]
    public void Rows_parse_with_extra_columns_and_an_optional_conf()
    {
        var rows = MotChallengeFile.Parse(new StringReader("1,9,499,158,31.03,75.17,1,-4.1554,-7.3591,0\n\n2, 15, 263.5, 218, 32.7, 88.5\n"), "gt.txt");

        Assert.Equal(2, rows.Count);
        Assert.Equal(new MotBox(1, 9, new BoundingBox(499, 158, 31.03f, 75.17f), 1f), rows[0]);
        Assert.Equal(new MotBox(2, 15, new BoundingBox(263.5f, 218, 32.7f, 88.5f), 1f), rows[1]);
    }

    [Theory]
    [InlineData("1,2,3,4,5", "at least 6")]
    [InlineData("1,2,x,4,5,6", "the x field 'x'")]
    [InlineData("0,2,3,4,5,6", "1-based")]
    public void Bad_rows_are_reported_with_source_and_line(string badLine, string expected)
    {
        var error = Assert.Throws<FormatException>(() => MotChallengeFile.Parse(new StringReader($"1,1,0,0,10,10,1\n{badLine}\n"), "tracks.txt"));

        Assert.Contains("tracks.txt:2", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Written_tracks_are_MOTChallenge_rows_that_read_back()
    {
        var path = Path.GetTempFileName();
        try
        {
            var rows = new[]
            {
                new MotBox(2, 1, new BoundingBox(10.5f, 20, 30, 60), 0.75f),
                new MotBox(1, 3, new BoundingBox(1, 2, 3, 4), 0.5f),
            };

            MotChallengeFile.Write(path, rows);

            Assert.Equal(["1,3,1,2,3,4,0.5,-1,-1,-1", "2,1,10.5,20,30,60,0.75,-1,-1,-1"], File.ReadAllLines(path));
            Assert.Equal(rows.OrderBy(r => r.Frame), MotChallengeFile.Read(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
