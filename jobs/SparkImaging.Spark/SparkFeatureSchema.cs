using Microsoft.Spark.Sql.Types;
using SparkImaging.Udfs.Features;
using SparkImaging.Udfs.Lbp;

namespace SparkImaging.Spark;

/// <summary>
/// The contract's feature table as a Spark schema: the return type Spark checks the UDF's Arrow output
/// against. Same columns, same order as <see cref="FeatureBatchUdf"/> writes them.
/// </summary>
internal static class SparkFeatureSchema
{
    public static StructType For(FeatureSpec spec)
    {
        var fields = new List<StructField>
        {
            new(FeatureColumns.Path, new StringType(), isNullable: false),
            new(FeatureColumns.Label, new StringType()),
            new(FeatureColumns.Width, new IntegerType()),
            new(FeatureColumns.Height, new IntegerType()),
            new(FeatureColumns.Error, new StringType()),
        };

        foreach (LbpSpec lbp in spec.Lbp)
        {
            // list<float>, null for a failed image; elements stay nullable like Arrow's default list item field.
            fields.Add(new StructField(FeatureColumns.LbpColumn(lbp), new ArrayType(new FloatType())));
        }

        return new StructType(fields);
    }
}
