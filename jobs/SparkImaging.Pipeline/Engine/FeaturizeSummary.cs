namespace SparkImaging.Pipeline.Engine;

/// <summary>What a run did.</summary>
public sealed record FeaturizeSummary
{
    /// <summary>Dataset directory.</summary>
    public required string Output { get; init; }

    /// <summary>Inputs of this shard.</summary>
    public long Inputs { get; init; }

    /// <summary>Rows of this shard committed by earlier runs and kept.</summary>
    public long AlreadyCommitted { get; init; }

    /// <summary>Rows this run wrote.</summary>
    public long Processed { get; init; }

    /// <summary>Rows this run wrote with an error, by kind (the part before ':').</summary>
    public IReadOnlyDictionary<string, long> ErrorsByKind { get; init; } = new Dictionary<string, long>();

    /// <summary>The first rows this run wrote with an error, as <c>path: error</c>.</summary>
    public IReadOnlyList<string> FirstFailures { get; init; } = [];

    /// <summary>Part files this run committed.</summary>
    public int PartsWritten { get; init; }

    /// <summary>Whether every input of every shard is now committed and _SUCCESS exists.</summary>
    public bool Complete { get; init; }

    /// <summary>Wall time of the processing.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Workers used.</summary>
    public int Workers { get; init; }

    /// <summary>Archives this run read (their members are rows of <see cref="Processed"/>).</summary>
    public long ArchivesRead { get; init; }

    /// <summary>Members of those archives that are not images, skipped.</summary>
    public long SkippedArchiveMembers { get; init; }

    /// <summary>Rows this run wrote with an error.</summary>
    public long Failed => ErrorsByKind.Values.Sum();

    /// <summary>Whether this run's failures exceed the error budget (<see cref="ErrorBudget"/>).</summary>
    public bool TooManyFailed(double maxErrorFraction) => ErrorBudget.IsExceeded(Failed, Processed, maxErrorFraction);
}
