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

    /// <summary>
    /// An exception's message as a user should read it: an <see cref="ArgumentException"/>'s first line without the
    /// <c>(Parameter 'x')</c> suffix .NET appends, which names a variable of our code, not an option.
    /// </summary>
    public static string UserMessage(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = exception.Message;
        if (exception is ArgumentException { ParamName: { } name })
        {
            message = message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal);
        }

        return message.Split('\n')[0].TrimEnd();
    }

    /// <summary>What kind of failure this is.</summary>
    public PipelineErrorKind Kind { get; init; } = PipelineErrorKind.Failed;
}
