namespace SparkImaging.Jobs.Cli;

/// <summary>Process exit codes of the contract.</summary>
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
}
