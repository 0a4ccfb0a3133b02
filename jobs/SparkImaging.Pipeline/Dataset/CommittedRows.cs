using Parquet;
using SparkImaging.Pipeline.Inputs;
using SparkImaging.Udfs.Features;

namespace SparkImaging.Pipeline.Dataset;

/// <summary>What the committed part files of a dataset already hold: which inputs, with which feature spec.</summary>
internal sealed class CommittedRows
{
    private readonly HashSet<string> completeArchives = new(StringComparer.Ordinal);
    private PathKeySet keys = PathKeySet.Empty;

    private CommittedRows()
    {
    }

    /// <summary>Rows across all committed parts.</summary>
    public long Count { get; private set; }

    /// <summary>Rows with an error.</summary>
    public long Errors { get; private set; }

    /// <summary>The spec recorded in the parts, or null when there are none.</summary>
    public FeatureSpec? Spec { get; private set; }

    public int PartCount { get; private set; }

    /// <summary>The column names of the parts, comma separated ("" when there are none): features and predictions differ.</summary>
    public string Columns { get; private set; } = string.Empty;

    /// <summary>The labels-file columns the parts carry, comma separated ("" when none).</summary>
    public string ExtraColumns { get; private set; } = string.Empty;

    /// <summary>Whether a row of this path (a file, an archive member or an archive itself) is committed.</summary>
    public bool Contains(string path) => keys.Contains(path);

    /// <summary>Whether an input is done: its row is committed, or, for an archive, every row it makes.</summary>
    public bool Covers(string input) => completeArchives.Contains(input) || keys.Contains(input);

    /// <summary>Reads the path and error columns of every committed part.</summary>
    public static async Task<CommittedRows> ReadAsync(DatasetDirectory dataset, CancellationToken cancellationToken)
    {
        var rows = new CommittedRows();
        var keys = new List<PathKey>();
        foreach (var part in dataset.CommittedParts())
        {
            await using var reader = await ParquetReader.CreateAsync(part, null, cancellationToken);
            var spec = reader.CustomMetadata.TryGetValue(DatasetMetadata.FeatureSpecKey, out var json)
                ? FeatureSpec.FromJson(json)
                : throw new InvalidDataException($"Part '{part}' has no {DatasetMetadata.FeatureSpecKey} metadata; it was not written by sparkimaging featurize.");
            if (rows.Spec is null)
            {
                rows.Spec = spec;
                rows.ExtraColumns = reader.CustomMetadata.GetValueOrDefault(Engine.CsvColumns.MetadataKey) ?? string.Empty;
                rows.Columns = string.Join(',', reader.Schema.Fields.Select(f => f.Name));
            }
            else if (!rows.Spec.Equals(spec))
            {
                throw new InvalidDataException($"Part '{part}' was written with {spec}, other parts with {rows.Spec}.");
            }

            if (reader.CustomMetadata.TryGetValue(DatasetMetadata.CompleteArchivesKey, out var archives))
            {
                rows.completeArchives.UnionWith(archives.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            }

            var pathField = reader.Schema.FindDataField(FeatureColumns.Path);
            var errorField = reader.Schema.FindDataField(FeatureColumns.Error);
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                using var group = reader.OpenRowGroupReader(g);
                var paths = new string?[group.RowCount];
                var errors = new string?[group.RowCount];
                await group.ReadAsync(pathField, paths.AsMemory(), null, cancellationToken);
                await group.ReadAsync(errorField, errors.AsMemory(), null, cancellationToken);
                foreach (var path in paths)
                {
                    keys.Add(PathKey.Of(path ?? throw new InvalidDataException($"Part '{part}' has a row without a path.")));
                }

                rows.Count += paths.Length;
                rows.Errors += errors.Count(e => e is not null);
            }

            rows.PartCount++;
        }

        rows.keys = PathKeySet.Of(keys);
        return rows;
    }
}
