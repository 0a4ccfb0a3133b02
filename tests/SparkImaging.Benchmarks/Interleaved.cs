using System.Diagnostics;

namespace SparkImaging.Benchmarks;

/// <summary>
/// Timing for a busy machine: the cases take turns round after round, so slow spells hit all of them alike,
/// and each case's median over the rounds is reported.
/// </summary>
internal static class Interleaved
{
    /// <summary>
    /// BENCH_CPU_TIME=1: the process's processor time instead of the wall clock, for single-threaded cases on a machine
    /// others are using (time spent waiting for a core is not counted; cache contention still is, so the fastest
    /// round is reported rather than the median).
    /// </summary>
    private static readonly bool CpuTime = Environment.GetEnvironmentVariable("BENCH_CPU_TIME") == "1";

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
                var processor = CpuTime ? Process.GetCurrentProcess().TotalProcessorTime : TimeSpan.Zero;
                for (var i = 0; i < calls; i++)
                {
                    cases[k]();
                }

                var elapsed = CpuTime ? Process.GetCurrentProcess().TotalProcessorTime - processor : clock.Elapsed;
                samples[k][round] = elapsed.TotalSeconds / calls;
            }
        }

        var medians = new double[cases.Count];
        for (var k = 0; k < cases.Count; k++)
        {
            Array.Sort(samples[k]);
            medians[k] = CpuTime ? samples[k][0] : samples[k][rounds / 2];
        }

        return medians;
    }
}
