namespace SparkImaging.Pipeline.Training;

/// <summary>
/// Seeded, stratified splits that never put one group on both sides. Without groups every row is its own group,
/// so one algorithm serves both: whole groups are dealt out, each by its most frequent class.
/// </summary>
public static class DataSplitter
{
    /// <summary>Marks the rows held out for testing: about <paramref name="testFraction"/> of each class.</summary>
    /// <param name="classes">Class index (0..k−1) of each row.</param>
    /// <param name="groups">Group of each row, or null for "its own group".</param>
    /// <param name="classCount">k.</param>
    /// <param name="testFraction">In (0, 1).</param>
    /// <param name="seed">Seeds the shuffle.</param>
    public static bool[] HoldOut(IReadOnlyList<int> classes, IReadOnlyList<string?>? groups, int classCount, double testFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(testFraction, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(testFraction, 1);
        var units = Units(classes, groups, classCount, seed);
        var classTotals = new int[classCount];
        foreach (var c in classes)
        {
            classTotals[c]++;
        }

        // Like scikit-learn's stratified split: each class with two or more rows keeps at least one on each side.
        var targets = new int[classCount];
        for (var c = 0; c < classCount; c++)
        {
            targets[c] = classTotals[c] < 2 ? 0 : Math.Clamp((int)Math.Round(classTotals[c] * testFraction, MidpointRounding.AwayFromZero), 1, classTotals[c] - 1);
        }

        var testCounts = new int[classCount];
        var isTest = new bool[classes.Count];
        foreach (var unit in units)
        {
            // A whole group goes to test only if no class overshoots its target; mixed groups fill what is left.
            var fits = true;
            for (var c = 0; c < classCount; c++)
            {
                fits &= unit.ClassCounts[c] == 0 || testCounts[c] + unit.ClassCounts[c] <= targets[c];
            }

            if (fits)
            {
                for (var c = 0; c < classCount; c++)
                {
                    testCounts[c] += unit.ClassCounts[c];
                }

                foreach (var row in unit.Rows)
                {
                    isTest[row] = true;
                }
            }
        }

        return isTest;
    }

    /// <summary>Assigns each row a fold in 0..<paramref name="folds"/>−1, balancing every class across folds.</summary>
    public static int[] Folds(IReadOnlyList<int> classes, IReadOnlyList<string?>? groups, int classCount, int folds, int seed)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var units = Units(classes, groups, classCount, seed);
        if (units.Count < folds)
        {
            throw new ArgumentException($"{folds} folds need at least {folds} {(groups is null ? "rows" : "groups")}; there are {units.Count}.", nameof(folds));
        }

        // Largest groups first, so the small ones even out what the big ones unbalance (ties stay shuffled: the sort is stable).
        var ordered = units.OrderByDescending(u => u.Rows.Count).ToList();
        var classPerFold = new int[folds, classCount];
        var rowsPerFold = new int[folds];
        var assignment = new int[classes.Count];
        foreach (var unit in ordered)
        {
            var c = unit.MainClass;
            var best = 0;
            for (var f = 1; f < folds; f++)
            {
                if (classPerFold[f, c] < classPerFold[best, c] || (classPerFold[f, c] == classPerFold[best, c] && rowsPerFold[f] < rowsPerFold[best]))
                {
                    best = f;
                }
            }

            for (var k = 0; k < classCount; k++)
            {
                classPerFold[best, k] += unit.ClassCounts[k];
            }

            rowsPerFold[best] += unit.Rows.Count;
            foreach (var row in unit.Rows)
            {
                assignment[row] = best;
            }
        }

        return assignment;
    }

    private static List<Unit> Units(IReadOnlyList<int> classes, IReadOnlyList<string?>? groups, int classCount, int seed)
    {
        var units = new List<Unit>();
        var byGroup = new Dictionary<string, Unit>(StringComparer.Ordinal);
        for (var row = 0; row < classes.Count; row++)
        {
            var group = groups?[row];
            Unit unit;
            if (group is null)
            {
                unit = new Unit(classCount);
                units.Add(unit);
            }
            else if (!byGroup.TryGetValue(group, out unit!))
            {
                unit = new Unit(classCount);
                byGroup.Add(group, unit);
                units.Add(unit);
            }

            unit.Rows.Add(row);
            unit.ClassCounts[classes[row]]++;
        }

        // Fisher–Yates with a seeded Random: the same seed gives the same split on every machine.
#pragma warning disable CA5394 // A reproducible shuffle, not a security decision.
        var random = new Random(seed);
        for (var i = units.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
#pragma warning restore CA5394
            (units[i], units[j]) = (units[j], units[i]);
        }

        return units;
    }

    private sealed class Unit(int classCount)
    {
        public List<int> Rows { get; } = [];

        public int[] ClassCounts { get; } = new int[classCount];

        public int MainClass
        {
            get
            {
                var best = 0;
                for (var c = 1; c < ClassCounts.Length; c++)
                {
                    if (ClassCounts[c] > ClassCounts[best])
                    {
                        best = c;
                    }
                }

                return best;
            }
        }
    }
}
