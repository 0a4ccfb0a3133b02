namespace SparkImaging.Jobs.Tests.Cluster;

/// <summary>What a finished child process left behind: its exit status and everything it printed.</summary>
internal sealed record CommandResult(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The whole story of the run, for an assertion message that explains a failure by itself.</summary>
    public string Describe() =>
        $"`{Command}` exited {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}
