namespace SparkImaging.Fuzz;

/// <summary>An input broke an invariant of decode + featurize: a finding, as a crash is.</summary>
public sealed class FuzzInvariantException : Exception
{
    /// <summary>Creates the exception naming the broken invariant.</summary>
    public FuzzInvariantException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception (for analyzers).</summary>
    public FuzzInvariantException()
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public FuzzInvariantException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
