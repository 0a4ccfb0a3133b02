using SparkImaging.Pipeline.Engine;

namespace SparkImaging.Pipeline;

/// <summary>
/// The contract's process exit codes, and the one place the pipeline's outcomes become them. Only hosts (the CLI, the
/// Spark driver) call this; the layers below raise <see cref="PipelineException"/> with a kind.
/// </summary>
public static class ExitCodes
{
    /// <summary>Success (a committed featurize run may still have error rows).</summary>
    public const int Success = 0;

    /// <summary>Any other failure.</summary>
    public const int Failure = 1;

    /// <summary>Bad usage or no input found.</summary>
    public const int BadUsage = 2;

    /// <summary>Every input failed, or more than the allowed fraction.</summary>
    public const int TooManyErrors = 3;

    /// <summary>Stopped by Ctrl-C (SIGINT): 128 + 2, as shells report it.</summary>
    public const int InterruptedBySigint = 130;

    /// <summary>Stopped by SIGTERM: 128 + 15.</summary>
    public const int InterruptedBySigterm = 143;

    /// <summary>The exit code of a failure kind.</summary>
    public static int Of(PipelineErrorKind kind) => kind switch
    {
        PipelineErrorKind.InvalidRequest or PipelineErrorKind.NoInput => BadUsage,
        PipelineErrorKind.TooManyFailures => TooManyErrors,
        PipelineErrorKind.Interrupted => Options.Interruption.ExitCode,
        _ => Failure,
    };

    /// <summary>The exit code of a featurize or predict run: 3 over the error budget (explained on <paramref name="error"/>), else 0.</summary>
    public static int Of(FeaturizeSummary summary, double maxErrorFraction, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (LocalEngine.DescribeBudgetExceeded(summary, maxErrorFraction) is { } explanation)
        {
            error.WriteLine(explanation);
            return TooManyErrors;
        }

        return Success;
    }
}
