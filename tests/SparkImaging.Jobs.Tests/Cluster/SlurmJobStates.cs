using System.Text.RegularExpressions;

namespace SparkImaging.Jobs.Tests.Cluster;

/// <summary>
/// Job states read with `scontrol show job -o`: the cluster has no accounting database for sacct, and
/// its MinJobAge keeps finished jobs visible to scontrol.
/// </summary>
internal static partial class SlurmJobStates
{
    private static readonly TimeSpan ScontrolTimeout = TimeSpan.FromSeconds(30);

    private static readonly HashSet<string> Terminal = new(StringComparer.Ordinal)
    {
        "COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "OUT_OF_MEMORY", "NODE_FAIL", "PREEMPTED", "BOOT_FAIL", "DEADLINE",
    };

    /// <summary>The state of each task of a job (one entry for a plain job, one per array task).</summary>
    public static async Task<IReadOnlyList<string>> ReadAsync(string jobId, IReadOnlyDictionary<string, string> environment)
    {
        var shown = await ChildProcess.RunAsync("scontrol", ["show", "job", "-o", jobId], ScontrolTimeout, environment);
        if (!shown.Succeeded)
        {
            throw new InvalidOperationException($"scontrol could not show job {jobId}:\n{shown.Describe()}");
        }

        return [.. shown.StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => JobStatePattern().Match(line))
            .Where(match => match.Success)
            .Select(match => match.Groups[1].Value)];
    }

    /// <summary>Polls until every task of the job has ended, or the deadline passes; returns the final states.</summary>
    public static async Task<IReadOnlyList<string>> WaitForEndAsync(
        string jobId, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        IReadOnlyList<string> states = [];
        while (DateTime.UtcNow < deadline)
        {
            states = await ReadAsync(jobId, environment);
            if (states.Count > 0 && states.All(Terminal.Contains))
            {
                return states;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        throw new TimeoutException($"job {jobId} had not ended after {timeout}; states: {string.Join(", ", states)}");
    }

    [GeneratedRegex(@"\bJobState=(\S+)")]
    private static partial Regex JobStatePattern();
}
