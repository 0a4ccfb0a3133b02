using Apache.Arrow;
using Apache.Arrow.Types;
using SparkImaging.Pipeline.Inputs;
using SparkImaging.Udfs.Features;

namespace SparkImaging.Pipeline.Engine;

/// <summary>Appends the labels CSV's extra columns (string, nullable) to the rows a run writes, looked up by path.</summary>
internal sealed class CsvColumns
{
    /// <summary>Metadata key listing the extra columns, so a resumed run can check it writes the same ones.</summary>
    public const string MetadataKey = "sparkimaging.extra_columns";

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        FeatureColumns.Path, FeatureColumns.Label, FeatureColumns.Width, FeatureColumns.Height, FeatureColumns.Error,
        Training.PredictionRows.PredictionColumn, Training.PredictionRows.ProbabilityColumn,
    };

    private readonly LabelResolver labels;

    public CsvColumns(LabelResolver labels) => this.labels = labels;

    public static bool IsReserved(string name) => Reserved.Contains(name) || name.StartsWith(FeatureColumns.LbpPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>The written schema: the transform's columns, then the extra ones.</summary>
    public Schema Extend(Schema schema)
    {
        var builder = new Schema.Builder();
        foreach (var field in schema.FieldsList)
        {
            builder.Field(field);
        }

        foreach (var name in labels.ExtraColumns)
        {
            builder.Field(f => f.Name(name).DataType(StringType.Default).Nullable(true));
        }

        return builder.Build();
    }

    /// <summary>The metadata with the extra columns recorded.</summary>
    public IReadOnlyDictionary<string, string> Describe(IReadOnlyDictionary<string, string> metadata)
    {
        var result = new Dictionary<string, string>(metadata, StringComparer.Ordinal) { [MetadataKey] = string.Join(',', labels.ExtraColumns) };
        return result;
    }

    public RecordBatch Append(RecordBatch batch, Schema schema)
    {
        if (labels.ExtraColumns.Count == 0)
        {
            return batch;
        }

        var paths = (StringArray)batch.Column(FeatureColumns.Path);
        var columns = Enumerable.Range(0, batch.ColumnCount).Select(batch.Column).ToList();
        for (var k = 0; k < labels.ExtraColumns.Count; k++)
        {
            var values = new StringArray.Builder();
            for (var row = 0; row < batch.Length; row++)
            {
                values.Append(labels.ExtraValueOf(paths.GetString(row)!, k));
            }

            columns.Add(values.Build());
        }

        return new RecordBatch(schema, columns, batch.Length);
    }
}
