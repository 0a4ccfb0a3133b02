using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using SparkImaging.Jobs.Tests.Support;
using SparkImaging.Udfs.Features;

namespace SparkImaging.Jobs.Tests.Spark;

/// <summary>The worker's answer as Spark reads it: one batch per group, each a single struct column of feature rows.</summary>
internal sealed class WorkerOutput
{
    private WorkerOutput(Schema schema, List<List<FeatureRows>> batches)
    {
        Schema = schema;
        Batches = batches;
    }

    public Schema Schema { get; }

    /// <summary>Per output batch, its rows in order.</summary>
    public IReadOnlyList<IReadOnlyList<FeatureRows>> Batches { get; }

    public static WorkerOutput Read(string streamPath, IReadOnlyList<string> histogramColumns)
    {
        using var stream = File.OpenRead(streamPath);
        using var reader = new ArrowStreamReader(stream);
        var batches = new List<List<FeatureRows>>();
        for (var batch = reader.ReadNextRecordBatch(); batch is not null; batch = reader.ReadNextRecordBatch())
        {
            using (batch)
            {
                var rows = batch.Column(0) is StructArray features
                    ? Rows(features, histogramColumns)
                    : throw new InvalidDataException($"Output column 0 is {batch.Column(0).Data.DataType.Name}, not a struct.");
                batches.Add(rows);
            }
        }

        return new WorkerOutput(reader.Schema, batches);
    }

    private static List<FeatureRows> Rows(StructArray features, IReadOnlyList<string> histogramColumns)
    {
        var type = (StructType)features.Data.DataType;
        IArrowArray Child(string name) => features.Fields[type.GetFieldIndex(name)];
        var paths = (StringArray)Child(FeatureColumns.Path);
        var labels = (StringArray)Child(FeatureColumns.Label);
        var widths = (Int32Array)Child(FeatureColumns.Width);
        var heights = (Int32Array)Child(FeatureColumns.Height);
        var errors = (StringArray)Child(FeatureColumns.Error);
        var histograms = histogramColumns.Select(c => (ListArray)Child(c)).ToArray();
        var rows = new List<FeatureRows>(features.Length);
        for (var i = 0; i < features.Length; i++)
        {
            var perColumn = histograms
                .Select(h => new DatasetRow(paths.GetString(i), labels.GetString(i), widths.GetValue(i), heights.GetValue(i), errors.GetString(i), Histogram(h, i)))
                .ToArray();
            rows.Add(new FeatureRows(perColumn));
        }

        return rows;
    }

    private static float[]? Histogram(ListArray lists, int row) =>
        lists.IsNull(row) ? null : ((FloatArray)lists.GetSlicedValues(row)).Values.ToArray();
}
