using System.Globalization;
using Microsoft.Spark.Sql;
using SparkImaging.Pipeline.Dataset;
using SparkImaging.Pipeline.Spark;
using SparkImaging.Udfs.Features;
using static Microsoft.Spark.Sql.Functions;

namespace SparkImaging.Spark;

/// <summary>
/// Brings the committed feature table to the driver through Spark, so training works wherever Spark wrote it (HDFS, S3,
/// a local disk). It is small: 26 floats a row at the default spec, about 100 MB for a million images.
/// </summary>
internal static class FeatureCollector
{
    public static FeatureTable Collect(SparkSession spark, SparkRunRequest request)
    {
        var spec = request.Spec;
        var columns = new List<Column> { Col(FeatureColumns.Path), Col(FeatureColumns.Label), Col(FeatureColumns.Error) };
        columns.AddRange(spec.Lbp.Select(lbp => Col(FeatureColumns.LbpColumn(lbp))));
        string? groupColumn = request.Training.GroupColumn;
        if (groupColumn is not null)
        {
            columns.Add(Col(groupColumn));
        }

        // Ordered by path: the table, and so the seeded split, do not depend on how Spark partitioned the files.
        DataFrame table = spark.Read().Parquet(request.FeaturesUri).Select([.. columns]).OrderBy(Col(FeatureColumns.Path));
        string source = $"Feature dataset '{request.FeaturesUri}'";
        int lbpCount = spec.Lbp.Count;
        var rows = new List<FeatureRow>();
        var histograms = new float[]?[lbpCount];
        foreach (Row row in table.ToLocalIterator())
        {
            for (int i = 0; i < lbpCount; i++)
            {
                // Spark sends array<float> as a list of doubles; each is a float widened exactly, so narrowing restores it.
                histograms[i] = row.GetAs<float[]>(3 + i);
            }

            string? group = groupColumn is null ? null : Convert.ToString(row.Get(3 + lbpCount), CultureInfo.InvariantCulture);
            rows.Add(FeatureTableReader.RowOf(spec, row.GetAs<string>(0), row.GetAs<string>(1), row.GetAs<string>(2), group, histograms, source));
        }

        return new FeatureTable(spec, rows, [request.FeaturesUri]) { Complete = true };
    }
}
