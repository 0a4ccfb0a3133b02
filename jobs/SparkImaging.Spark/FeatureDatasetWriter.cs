using Microsoft.Spark.Sql;

namespace SparkImaging.Spark;

/// <summary>
/// Writes the feature dataset with Spark's Parquet writer: part-*.parquet committed by Spark's output committer and
/// <c>_SUCCESS</c> last, the layout the contract and <c>sparkimaging train</c> expect.
/// </summary>
internal static class FeatureDatasetWriter
{
    public static void Write(DataFrame features, string featuresUri, bool overwrite) =>
        features.Write()
            .Mode(overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists)
            .Option("compression", "snappy")
            .Parquet(featuresUri);
}
