namespace SparkImaging.Pipeline.Training;

/// <summary>A dataset or option that training cannot work with.</summary>
public sealed class TrainingException : PipelineException
{
    /// <summary>Creates the exception.</summary>
    public TrainingException()
    {
    }

    /// <summary>Creates the exception with a message (<see cref="PipelineErrorKind.Failed"/>).</summary>
    public TrainingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause (<see cref="PipelineErrorKind.Failed"/>).</summary>
    public TrainingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a kind and a message.</summary>
    public TrainingException(PipelineErrorKind kind, string message)
        : base(kind, message)
    {
    }
}
