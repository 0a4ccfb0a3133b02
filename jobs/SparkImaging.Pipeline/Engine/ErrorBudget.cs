namespace SparkImaging.Pipeline.Engine;

/// <summary>
/// The contract's error budget, one rule for every host: a run fails (exit 3) when every row it wrote failed, or more
/// than the allowed fraction did. A run that wrote nothing (all already committed) is within budget.
/// </summary>
public static class ErrorBudget
{
    /// <summary>Default of <c>--max-error-fraction</c>: only a run in which every input failed exceeds it.</summary>
    public const double DefaultMaxErrorFraction = 1.0;

    /// <summary>Refuses a fraction outside [0, 1].</summary>
    /// <exception cref="PipelineException">An <see cref="PipelineErrorKind.InvalidRequest"/> naming the value.</exception>
    public static void Check(double maxErrorFraction)
    {
        if (!(maxErrorFraction is >= 0 and <= 1))
        {
            throw new PipelineException(PipelineErrorKind.InvalidRequest, $"--max-error-fraction must be between 0 and 1; got {maxErrorFraction.ToString(System.Globalization.CultureInfo.InvariantCulture)}.");
        }
    }

    /// <summary>Whether <paramref name="failed"/> of <paramref name="rows"/> exceeds <paramref name="maxErrorFraction"/>.</summary>
    public static bool IsExceeded(long failed, long rows, double maxErrorFraction) =>
        rows > 0 && (failed == rows || (double)failed / rows > maxErrorFraction);

    /// <summary>A message naming the failure count, or null when within budget.</summary>
    public static string? Problem(long failed, long rows, double maxErrorFraction) =>
        IsExceeded(failed, rows, maxErrorFraction)
            ? (failed == rows
                ? $"every input failed ({failed} of {rows})"
                : $"{failed} of {rows} inputs failed, more than --max-error-fraction {maxErrorFraction.ToString(System.Globalization.CultureInfo.InvariantCulture)}")
            : null;
}
