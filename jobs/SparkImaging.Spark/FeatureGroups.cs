using Microsoft.Spark.Sql;
using SparkImaging.Udfs.Features;
using static Microsoft.Spark.Sql.Functions;

namespace SparkImaging.Spark;

/// <summary>
/// Splits the images into a bounded number of groups by a stable hash of the path, so each UDF call
/// sees at most about <c>--group-size</c> images and a rerun puts every image in the same group.
/// </summary>
internal static class FeatureGroups
{
    public const string GroupColumn = "_sparkimaging_group";

    public static int Count(long inputCount, SparkDriverOptions options)
    {
        if (options.Partitions is int partitions)
        {
            return partitions;
        }

        long groups = (inputCount + options.GroupSize - 1) / options.GroupSize;
        return (int)Math.Clamp(groups, 1, int.MaxValue);
    }

    /// <summary>
    /// Hash-partitioning by the group column is exactly the distribution the grouped-map UDF needs,
    /// so Spark adds no second shuffle and runs one task per group.
    /// </summary>
    public static DataFrame Assign(DataFrame images, int groupCount) =>
        images
            .WithColumn(GroupColumn, Pmod(XXHash64(Col(FeatureColumns.Path)), Lit(groupCount)))
            .Repartition(groupCount, Col(GroupColumn));
}
