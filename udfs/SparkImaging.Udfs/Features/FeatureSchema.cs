using Apache.Arrow;
using Apache.Arrow.Types;

namespace SparkImaging.Udfs.Features;

/// <summary>The Arrow schemas of the batch function: Spark's binaryFile rows in, feature-table rows out.</summary>
public static class FeatureSchema
{
    /// <summary>Spark's binaryFile schema (path, modificationTime, length, content), optionally with a label.</summary>
    public static Schema BinaryFiles(bool withLabel)
    {
        var builder = new Schema.Builder()
            .Field(f => f.Name(FeatureColumns.Path).DataType(StringType.Default).Nullable(false))
            .Field(f => f.Name(FeatureColumns.ModificationTime).DataType(new TimestampType(TimeUnit.Microsecond, "UTC")).Nullable(true))
            .Field(f => f.Name(FeatureColumns.Length).DataType(Int64Type.Default).Nullable(false))
            .Field(f => f.Name(FeatureColumns.Content).DataType(BinaryType.Default).Nullable(true));
        if (withLabel)
        {
            builder.Field(f => f.Name(FeatureColumns.Label).DataType(StringType.Default).Nullable(true));
        }

        return builder.Build();
    }

    /// <summary>The feature table: path, label, width, height, error, then one list&lt;float&gt; per LBP spec.</summary>
    public static Schema Features(FeatureSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var builder = new Schema.Builder()
            .Field(f => f.Name(FeatureColumns.Path).DataType(StringType.Default).Nullable(false))
            .Field(f => f.Name(FeatureColumns.Label).DataType(StringType.Default).Nullable(true))
            .Field(f => f.Name(FeatureColumns.Width).DataType(Int32Type.Default).Nullable(true))
            .Field(f => f.Name(FeatureColumns.Height).DataType(Int32Type.Default).Nullable(true))
            .Field(f => f.Name(FeatureColumns.Error).DataType(StringType.Default).Nullable(true));
        foreach (var lbp in spec.Lbp)
        {
            builder.Field(f => f.Name(FeatureColumns.LbpColumn(lbp)).DataType(HistogramType).Nullable(true));
        }

        return builder.Build();
    }

    /// <summary>list&lt;float&gt; with a nullable "element" child, as Spark and Parquet name it.</summary>
    public static ListType HistogramType { get; } = new(new Field("element", FloatType.Default, nullable: true));
}
