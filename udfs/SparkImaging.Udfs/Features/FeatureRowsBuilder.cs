using Apache.Arrow;

namespace SparkImaging.Udfs.Features;

/// <summary>Accumulates feature-table rows into an Arrow batch with <see cref="FeatureSchema.Features"/>.</summary>
public sealed class FeatureRowsBuilder
{
    private readonly Schema schema;
    private readonly StringArray.Builder paths = new();
    private readonly StringArray.Builder labels = new();
    private readonly Int32Array.Builder widths = new();
    private readonly Int32Array.Builder heights = new();
    private readonly StringArray.Builder errors = new();
    private readonly ListArray.Builder[] histograms;

    /// <summary>Creates a builder for a spec's columns.</summary>
    public FeatureRowsBuilder(FeatureSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        schema = FeatureSchema.Features(spec);
        histograms = spec.Lbp.Select(_ => new ListArray.Builder(FeatureSchema.HistogramType.ValueField)).ToArray();
    }

    /// <summary>Rows appended so far.</summary>
    public int Count { get; private set; }

    /// <summary>Appends one input's row.</summary>
    public void Append(string path, string? label, ImageFeatures features)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(features);
        paths.Append(path);
        labels.Append(label);
        widths.Append(features.Width);
        heights.Append(features.Height);
        errors.Append(features.Error);
        for (var k = 0; k < histograms.Length; k++)
        {
            if (features.Histograms is null)
            {
                histograms[k].AppendNull();
                continue;
            }

            histograms[k].Append();
            var values = (FloatArray.Builder)histograms[k].ValueBuilder;
            values.Append(features.Histograms[k]);
        }

        Count++;
    }

    /// <summary>The batch of all rows appended.</summary>
    public RecordBatch Build()
    {
        var columns = new List<IArrowArray> { paths.Build(), labels.Build(), widths.Build(), heights.Build(), errors.Build() };
        columns.AddRange(histograms.Select(h => (IArrowArray)h.Build()));
        return new RecordBatch(schema, columns, Count);
    }
}
