using System.Diagnostics;

namespace SparkImaging.Benchmarks;

/// <summary>
/// Timing for a busy machine: the cases take turns round after round, so slow spells hit all of them alike,
/// and each case's median over the rounds is reported.
/// </summary>
internal static class Interleaved
{
    /// <summary>Median seconds per call of each case, over <paramref name="rounds"/> rounds of <paramref name="calls"/> calls each.</summary>
    public static double[] MedianSeconds(IReadOnlyList<Action> cases, int rounds, int calls)
    {
        // Warm-up: let tiered compilation reach its optimized code before anything counts.
        for (var warm = 0; warm < 3; warm++)
        {
            foreach (var run in cases)
            {
                for (var i = 0; i < calls; i++)
                {
                    run();
                }
            }
        }

        var samples = new double[cases.Count][];
        for (var k = 0; k < cases.Count; k++)
        {
            samples[k] = new double[rounds];
        }

        for (var round = 0; round < rounds; round++)
        {
            for (var k = 0; k < cases.Count; k++)
            {
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < calls; i++)
                {
                    cases[k]();
                }

                samples[k][round] = clock.Elapsed.TotalSeconds / calls;
            }
        }

        var medians = new double[cases.Count];
        for (var k = 0; k < cases.Count; k++)
        {
            Array.Sort(samples[k]);
            medians[k] = samples[k][rounds / 2];
        }

        return medians;
    }
}
