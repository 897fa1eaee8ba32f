using Watchpost.Tracking;

namespace Watchpost.Tests.Tracking;

public class LinearAssignmentTests
{
    [Fact]
    public void Solve_finds_the_least_total_cost_where_greedy_would_not()
    {
        // Greedy takes (0,0)=1 first and is forced into (1,1)=10; the optimum is 2 + 3.
        var cost = new double[,] { { 1, 2 }, { 3, 10 } };

        Assert.Equal([1, 0], LinearAssignment.Solve(cost));
    }

    [Theory]
    [InlineData(3, 3)]
    [InlineData(2, 5)]
    [InlineData(5, 2)]
    [InlineData(6, 6)]
    public void Solve_matches_brute_force_on_random_matrices(int rows, int cols)
    {
        var random = new Random(rows * 31 + cols);
        for (var trial = 0; trial < 50; trial++)
        {
            var cost = new double[rows, cols];
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < cols; c++)
                {
                    cost[r, c] = Math.Round(random.NextDouble() * 10, 2);
                }
            }

            var assignment = LinearAssignment.Solve(cost);

            Assert.Equal(Math.Min(rows, cols), assignment.Count(c => c >= 0));
            Assert.Equal(assignment.Count(c => c >= 0), assignment.Where(c => c >= 0).Distinct().Count());
            var total = Enumerable.Range(0, rows).Where(r => assignment[r] >= 0).Sum(r => cost[r, assignment[r]]);
            Assert.Equal(BruteForceMinimum(cost), total, 6);
        }
    }

    [Fact]
    public void SolveWithLimit_leaves_pairs_at_or_over_the_limit_unmatched()
    {
        var cost = new double[,]
        {
            { 0.1, 0.95, double.PositiveInfinity },
            { 0.9, 0.2, 0.85 },
        };

        var matches = LinearAssignment.SolveWithLimit(cost, maxCost: 0.8);

        Assert.Equal([(0, 0), (1, 1)], matches.Order());
        Assert.Empty(LinearAssignment.SolveWithLimit(new double[,] { { 0.9, double.PositiveInfinity } }, 0.8));
    }

    [Fact]
    public void SolveWithLimit_prefers_two_fair_matches_to_one_excellent_one()
    {
        // Matching (0,0) alone leaves a row and a column over, which costs the limit (0.5); the cross pairs cost 0.4.
        var cost = new double[,] { { 0.0, 0.2 }, { 0.2, 1.0 } };

        Assert.Equal([(0, 1), (1, 0)], LinearAssignment.SolveWithLimit(cost, maxCost: 0.5).Order());
    }

    [Fact]
    public void Empty_problems_give_empty_answers()
    {
        Assert.Empty(LinearAssignment.Solve(new double[0, 3]));
        Assert.Equal([-1, -1], LinearAssignment.Solve(new double[2, 0]));
        Assert.Empty(LinearAssignment.SolveWithLimit(new double[0, 0], 1));
    }

    private static double BruteForceMinimum(double[,] cost)
    {
        int rows = cost.GetLength(0), cols = cost.GetLength(1);
        var best = double.PositiveInfinity;
        var used = new bool[Math.Max(rows, cols)];
        Search(0, 0);
        return best;

        // Assigns the smaller side's items one by one to distinct items of the larger side.
        void Search(int item, double sum)
        {
            var small = Math.Min(rows, cols);
            if (item == small)
            {
                best = Math.Min(best, sum);
                return;
            }

            for (var other = 0; other < Math.Max(rows, cols); other++)
            {
                if (used[other])
                {
                    continue;
                }

                used[other] = true;
                Search(item + 1, sum + (rows <= cols ? cost[item, other] : cost[other, item]));
                used[other] = false;
            }
        }
    }
}
