namespace SparkImaging.Jobs.Training;

/// <summary>A dataset or option that training cannot work with; carries the exit code the contract gives it.</summary>
public sealed class TrainingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TrainingException()
    {
    }

    /// <summary>Creates the exception with a message (exit code 1).</summary>
    public TrainingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause (exit code 1).</summary>
    public TrainingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with an exit code and a message.</summary>
    public TrainingException(int exitCode, string message)
        : base(message)
    {
        ExitCode = exitCode;
    }

    /// <summary>2 for bad usage, 1 otherwise.</summary>
    public int ExitCode { get; } = 1;
}
