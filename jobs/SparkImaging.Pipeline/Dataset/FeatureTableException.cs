namespace SparkImaging.Pipeline.Dataset;

/// <summary>A feature dataset that cannot be read as one: the message names the directory or file and the problem.</summary>
public sealed class FeatureTableException : PipelineException
{
    /// <summary>Creates the exception.</summary>
    public FeatureTableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public FeatureTableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public FeatureTableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when the dataset has no data at all (missing directory, no part file): "no input found" to the user.</summary>
    public bool NoData
    {
        get => Kind == PipelineErrorKind.NoInput;
        init => Kind = value ? PipelineErrorKind.NoInput : PipelineErrorKind.Failed;
    }
}
