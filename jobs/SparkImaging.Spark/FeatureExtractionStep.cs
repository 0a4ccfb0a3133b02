using Microsoft.Spark.Sql;
using Microsoft.Spark.Sql.Types;
using SparkImaging.Pipeline.Spark;
using SparkImaging.Udfs.Features;
using static Microsoft.Spark.Sql.Functions;

namespace SparkImaging.Spark;

/// <summary>Groups the images and runs the shared per-batch function of udfs/ on every group, in the .NET worker.</summary>
internal static class FeatureExtractionStep
{
    public static DataFrame Apply(DataFrame labelledImages, int groupCount, FeatureSpec spec)
    {
        // Hash-partitioning by the group column is exactly the distribution the grouped-map UDF needs, so Spark adds
        // no second shuffle; each task's Arrow stream then carries one record batch per group.
        DataFrame grouped = labelledImages
            .WithColumn(SparkGroups.Column, Pmod(XXHash64(Col(FeatureColumns.Path)), Lit(groupCount)))
            .Repartition(groupCount, Col(SparkGroups.Column));

        // Microsoft.Spark ships the delegate's target object to the workers by copying its fields and recreates it
        // there without running the constructor, so the UDF carries only the spec as JSON. The return type is derived
        // from the Arrow schema the UDF writes, since Spark reads the UDF's columns by position with these types.
        var udf = new FeatureBatchUdf(spec.ToJson());
        var returnType = (StructType)DataType.ParseDataType(SparkFeatureSchema.Json(spec));
        return grouped.GroupBy(SparkGroups.Column).Apply(returnType, udf.Apply);
    }
}
