using Microsoft.Spark.Sql;
using SparkImaging.Udfs.Features;
using static Microsoft.Spark.Sql.Functions;

namespace SparkImaging.Spark;

/// <summary>What the committed dataset holds, read back from the files Spark wrote.</summary>
internal sealed record FeatureDatasetSummary(long Rows, long FailedRows)
{
    public static FeatureDatasetSummary Read(SparkSession spark, SparkDriverOptions options)
    {
        // Reads only the error column, so counting does not load any histogram.
        DataFrame written = spark.Read().Parquet(options.FeaturesUri).Select(Col(FeatureColumns.Error));
        long rows = written.Count();
        long failed = written.Filter(Col(FeatureColumns.Error).IsNotNull()).Count();
        return new FeatureDatasetSummary(rows, failed);
    }

    /// <summary>The contract's rule: 3 when every input failed or more than the allowed fraction did.</summary>
    public bool TooManyFailed(double maxErrorFraction) =>
        Rows > 0 && (FailedRows == Rows || (double)FailedRows / Rows > maxErrorFraction);
}
