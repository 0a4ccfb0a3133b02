using Microsoft.Spark.Sql;
using SparkImaging.Udfs.Features;

namespace SparkImaging.Spark;

/// <summary>Runs the shared per-batch function of udfs/ on every group, in the .NET worker.</summary>
internal static class FeatureExtractionStep
{
    public static DataFrame Apply(DataFrame groupedImages, FeatureSpec spec)
    {
        // Microsoft.Spark ships the delegate's target object to the workers by copying its fields and
        // recreates it there without running the constructor, so the UDF carries only the spec as JSON.
        var udf = new FeatureBatchUdf(spec.ToJson());
        return groupedImages
            .GroupBy(FeatureGroups.GroupColumn)
            .Apply(SparkFeatureSchema.For(spec), udf.Apply);
    }
}
