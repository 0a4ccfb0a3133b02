namespace SparkImaging.Spark;

/// <summary>Exit statuses of the Spark driver; the same meanings as <c>sparkimaging run</c> (see the contract).</summary>
internal static class DriverExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    public const int TooManyFailedInputs = 3;
}
