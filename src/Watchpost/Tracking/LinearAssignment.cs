namespace Watchpost.Tracking;

/// <summary>
/// Minimum-cost bipartite assignment (the Hungarian method with potentials, O(n²m)), used by the tracker to
/// pair tracks with detections and by the MOT evaluation to pair ground truth with hypotheses.
/// </summary>
public static class LinearAssignment
{
    /// <summary>
    /// Assigns every row to a distinct column (or every column to a distinct row when there are fewer columns)
    /// at the least total cost. Returns the column of each row, or -1 for a row left over.
    /// Costs must be finite; give a forbidden pair a large cost and drop it afterwards.
    /// </summary>
    public static int[] Solve(double[,] cost)
    {
        ArgumentNullException.ThrowIfNull(cost);
        int rows = cost.GetLength(0), cols = cost.GetLength(1);
        var rowToCol = new int[rows];
        Array.Fill(rowToCol, -1);
        if (rows == 0 || cols == 0)
        {
            return rowToCol;
        }

        if (rows <= cols)
        {
            var colToRow = SolveWide(rows, cols, (r, c) => cost[r, c]);
            for (var c = 0; c < cols; c++)
            {
                if (colToRow[c] >= 0)
                {
                    rowToCol[colToRow[c]] = c;
                }
            }
        }
        else
        {
            // The method needs rows <= columns: solve the transpose, whose column -> row map is our row -> column.
            var rowOfTransposedCol = SolveWide(cols, rows, (r, c) => cost[c, r]);
            for (var r = 0; r < rows; r++)
            {
                rowToCol[r] = rowOfTransposedCol[r];
            }
        }

        return rowToCol;
    }

    /// <summary>
    /// Pairs rows with columns so that the sum of the matched costs plus <paramref name="maxCost"/> for each pair
    /// left unmatched is least (as ByteTrack's lapjv with a cost limit): a pair costing <paramref name="maxCost"/>
    /// or more never matches. Forbidden pairs may cost <see cref="double.PositiveInfinity"/>.
    /// Returns the matched (row, column) pairs.
    /// </summary>
    public static List<(int Row, int Col)> SolveWithLimit(double[,] cost, double maxCost)
    {
        ArgumentNullException.ThrowIfNull(cost);
        int rows = cost.GetLength(0), cols = cost.GetLength(1);
        var matches = new List<(int Row, int Col)>(Math.Min(rows, cols));
        if (rows == 0 || cols == 0)
        {
            return matches;
        }

        // Square (rows + cols) problem: each row may take a dummy column and each column a dummy row at half the
        // limit; dummies pair with each other for free.
        var n = rows + cols;
        var half = maxCost / 2;
        var blocked = maxCost + 1;
        var colToRow = SolveWide(n, n, (r, c) =>
            r < rows && c < cols ? Math.Min(cost[r, c], blocked)
            : r >= rows && c >= cols ? 0
            : half);
        for (var c = 0; c < cols; c++)
        {
            var r = colToRow[c];
            if (r >= 0 && r < rows && cost[r, c] < maxCost)
            {
                matches.Add((r, c));
            }
        }

        return matches;
    }

    /// <summary>The classic shortest-augmenting-path Hungarian method for rows &lt;= cols; returns each column's row or -1.</summary>
    private static int[] SolveWide(int rows, int cols, Func<int, int, double> cost)
    {
        // 1-based arrays; index 0 is the virtual column the augmenting path starts from.
        var u = new double[rows + 1];
        var v = new double[cols + 1];
        var rowOf = new int[cols + 1];
        var way = new int[cols + 1];
        var minSlack = new double[cols + 1];
        var used = new bool[cols + 1];
        for (var i = 1; i <= rows; i++)
        {
            rowOf[0] = i;
            var col0 = 0;
            Array.Fill(minSlack, double.PositiveInfinity);
            Array.Fill(used, false);
            do
            {
                used[col0] = true;
                var row0 = rowOf[col0];
                var delta = double.PositiveInfinity;
                var col1 = 0;
                for (var j = 1; j <= cols; j++)
                {
                    if (used[j])
                    {
                        continue;
                    }

                    var slack = cost(row0 - 1, j - 1) - u[row0] - v[j];
                    if (slack < minSlack[j])
                    {
                        minSlack[j] = slack;
                        way[j] = col0;
                    }

                    if (minSlack[j] < delta)
                    {
                        delta = minSlack[j];
                        col1 = j;
                    }
                }

                for (var j = 0; j <= cols; j++)
                {
                    if (used[j])
                    {
                        u[rowOf[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                    {
                        minSlack[j] -= delta;
                    }
                }

                col0 = col1;
            }
            while (rowOf[col0] != 0);

            do
            {
                var col1 = way[col0];
                rowOf[col0] = rowOf[col1];
                col0 = col1;
            }
            while (col0 != 0);
        }

        var result = new int[cols];
        for (var j = 1; j <= cols; j++)
        {
            result[j - 1] = rowOf[j] - 1;
        }

        return result;
    }
}
