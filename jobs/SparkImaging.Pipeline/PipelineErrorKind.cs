namespace SparkImaging.Pipeline;

/// <summary>Why the pipeline stopped; each host maps a kind to its exit code (the contract's 2, 3 or 1).</summary>
public enum PipelineErrorKind
{
    /// <summary>Any other failure: unreadable data, a failed write, a model that cannot be fitted.</summary>
    Failed,

    /// <summary>What was asked for cannot be done as asked: a bad option value, path or labels file.</summary>
    InvalidRequest,

    /// <summary>The inputs or the dataset hold nothing to work on.</summary>
    NoInput,

    /// <summary>Every input failed, or more than the allowed fraction of them.</summary>
    TooManyFailures,

    /// <summary>Stopped by a signal (Ctrl-C, SIGTERM); what was committed stays, nothing partial was.</summary>
    Interrupted,
}
