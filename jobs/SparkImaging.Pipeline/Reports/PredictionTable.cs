using System.Text.Json;
using Parquet;
using Parquet.Schema;
using SparkImaging.Pipeline.Dataset;
using SparkImaging.Pipeline.Training;
using SparkImaging.Udfs.Features;

namespace SparkImaging.Pipeline.Reports;

/// <summary>One row of a predictions dataset: the input, its true label if any, and what the model said.</summary>
/// <param name="Probability">Class probabilities in <see cref="PredictionTable.Labels"/> order; null for an error row.</param>
public sealed record PredictedRow(string Path, string? Label, string? Error, string? Prediction, float[]? Probability);

/// <summary>The prediction columns of a dataset written by predict, read back from its committed part files.</summary>
/// <param name="Labels">The model's labels (the <c>sparkimaging.labels</c> metadata): the order of every probability list.</param>
/// <param name="Rows">Every row, ordered by path.</param>
public sealed record PredictionTable(IReadOnlyList<string> Labels, IReadOnlyList<PredictedRow> Rows)
{
    /// <summary>Reads the part files of one dataset; null when they hold no <c>prediction</c> column (a feature dataset).</summary>
    /// <exception cref="FeatureTableException">A file cannot be read, or the files disagree on the model's labels.</exception>
    public static async Task<PredictionTable?> ReadAsync(IReadOnlyList<string> files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        IReadOnlyList<string>? labels = null;
        var rows = new List<PredictedRow>();
        foreach (var file in files)
        {
            try
            {
                await using var stream = File.OpenRead(file);
                await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken);
                if (FindField(reader.Schema, PredictionRows.PredictionColumn) is null)
                {
                    return labels is null ? null : throw new FeatureTableException($"Part file '{file}' has no '{PredictionRows.PredictionColumn}' column but the files before it do.");
                }

                var fileLabels = LabelsOf(reader, file);
                if (labels is not null && !labels.SequenceEqual(fileLabels, StringComparer.Ordinal))
                {
                    throw new FeatureTableException($"Part file '{file}' was predicted with labels [{string.Join(", ", fileLabels)}] but earlier files with [{string.Join(", ", labels)}].");
                }

                labels = fileLabels;
                await ReadFileAsync(reader, file, rows, cancellationToken);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or FormatException or ParquetException)
            {
                throw new FeatureTableException($"Part file '{file}' cannot be read as Parquet: {e.Message}", e);
            }
        }

        rows.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return labels is null ? null : new PredictionTable(labels, rows);
    }

    private static async Task ReadFileAsync(ParquetReader reader, string file, List<PredictedRow> rows, CancellationToken cancellationToken)
    {
        var path = FindField(reader.Schema, FeatureColumns.Path) as DataField
            ?? throw new FeatureTableException($"Part file '{file}' has no column '{FeatureColumns.Path}'.");
        var label = FindField(reader.Schema, FeatureColumns.Label) as DataField;
        var error = FindField(reader.Schema, FeatureColumns.Error) as DataField;
        var prediction = (DataField)FindField(reader.Schema, PredictionRows.PredictionColumn)!;
        if (FindField(reader.Schema, PredictionRows.ProbabilityColumn) is not ListField { Item: DataField probability } || probability.ClrType != typeof(float))
        {
            throw new FeatureTableException($"Part file '{file}': column '{PredictionRows.ProbabilityColumn}' must be list<float>.");
        }

        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var rowGroup = reader.OpenRowGroupReader(g);
            var count = checked((int)rowGroup.RowCount);
            var paths = await ReadStringsAsync(rowGroup, path, count, cancellationToken);
            var labels = await ReadStringsAsync(rowGroup, label, count, cancellationToken);
            var errors = await ReadStringsAsync(rowGroup, error, count, cancellationToken);
            var predictions = await ReadStringsAsync(rowGroup, prediction, count, cancellationToken);
            var probabilities = await ListColumnReader.ReadAsync(rowGroup, probability, count, file, cancellationToken);
            for (var r = 0; r < count; r++)
            {
                var rowPath = paths[r] ?? throw new FeatureTableException($"Part file '{file}': column '{FeatureColumns.Path}' has a null value.");
                rows.Add(new PredictedRow(rowPath, labels[r], errors[r], predictions[r], probabilities[r]));
            }
        }
    }

    private static string[] LabelsOf(ParquetReader reader, string file)
    {
        if (reader.CustomMetadata is not { } metadata || !metadata.TryGetValue(PredictionRows.LabelsKey, out var json))
        {
            throw new FeatureTableException($"Part file '{file}' has predictions but no '{PredictionRows.LabelsKey}' metadata naming the classes.");
        }

        try
        {
            return JsonSerializer.Deserialize<string[]>(json) ?? throw new FeatureTableException($"Part file '{file}': '{PredictionRows.LabelsKey}' is null.");
        }
        catch (JsonException e)
        {
            throw new FeatureTableException($"Part file '{file}': '{PredictionRows.LabelsKey}' is not a JSON array of labels: {e.Message}", e);
        }
    }

    private static Field? FindField(ParquetSchema schema, string name) => schema.Fields.FirstOrDefault(f => f.Name == name);

    private static async Task<string?[]> ReadStringsAsync(ParquetRowGroupReader rowGroup, DataField? field, int count, CancellationToken cancellationToken)
    {
        var values = new string?[count];
        if (field is not null)
        {
            await rowGroup.ReadAsync(field, values.AsMemory(), null, cancellationToken);
        }

        return values;
    }
}
