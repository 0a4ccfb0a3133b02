namespace SparkImaging.Pipeline;

/// <summary>A failure the pipeline explains in one line (the message names the problem), with its kind.</summary>
public class PipelineException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PipelineException()
    {
    }

    /// <summary>Creates a <see cref="PipelineErrorKind.Failed"/> exception with a message.</summary>
    public PipelineException(string message)
        : base(message)
    {
    }

    /// <summary>Creates a <see cref="PipelineErrorKind.Failed"/> exception with a message and cause.</summary>
    public PipelineException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a kind and a message.</summary>
    public PipelineException(PipelineErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>What kind of failure this is.</summary>
    public PipelineErrorKind Kind { get; init; } = PipelineErrorKind.Failed;
}
