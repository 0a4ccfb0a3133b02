using Microsoft.Spark.Sql;

namespace SparkImaging.Spark;

/// <summary>
/// Writes the feature dataset with Spark's Parquet writer: part-*.parquet committed by Spark's output
/// committer and <c>_SUCCESS</c> last, the layout the contract and <c>sparkimaging train</c> expect.
/// </summary>
internal static class FeatureDatasetWriter
{
    public static void Write(DataFrame features, SparkDriverOptions options) =>
        features.Write()
            .Mode(options.Overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists)
            .Option("compression", "snappy")
            .Parquet(options.FeaturesUri);
}
