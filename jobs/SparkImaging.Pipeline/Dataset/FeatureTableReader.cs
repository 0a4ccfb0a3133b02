using System.Globalization;
using System.Text.RegularExpressions;
using Parquet;
using Parquet.Schema;
using SparkImaging.Udfs.Features;
using SparkImaging.Udfs.Lbp;

namespace SparkImaging.Pipeline.Dataset;

/// <summary>
/// Reads a feature dataset directory (committed <c>*.parquet</c> part files, as featurize or Spark write them) into memory,
/// checking its schema where the pipeline starts so that a bad dataset fails with a message naming the file.
/// </summary>
public static partial class FeatureTableReader
{
    /// <summary>File key-value metadata key holding <see cref="FeatureSpec.ToJson"/>.</summary>
    public const string FeatureSpecMetadataKey = DatasetMetadata.FeatureSpecKey;

    /// <summary>Reads every committed part file of <paramref name="directory"/>.</summary>
    /// <param name="directory">The dataset directory.</param>
    /// <param name="groupColumn">An extra column to read as each row's group (any string or integer column), or null.</param>
    /// <param name="cancellationToken">Cancels between row groups.</param>
    /// <exception cref="FeatureTableException">The directory, a file or its schema is not a feature dataset.</exception>
    public static async Task<FeatureTable> ReadAsync(string directory, string? groupColumn = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            throw new FeatureTableException($"Feature dataset '{directory}' does not exist or is not a directory.") { NoData = true };
        }

        var files = ListPartFiles(directory);
        if (files.Count == 0)
        {
            throw new FeatureTableException($"Feature dataset '{directory}' has no committed .parquet part files.") { NoData = true };
        }

        FeatureSpec? spec = null;
        string? specFile = null;
        var rows = new List<FeatureRow>();
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await using var stream = File.OpenRead(file);
                await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken);
                var fileSpec = SpecOf(reader, file);
                if (spec is null)
                {
                    spec = fileSpec;
                    specFile = file;
                }
                else if (!SameFeatures(spec, fileSpec))
                {
                    throw new FeatureTableException(
                        $"Part file '{file}' has features {fileSpec} but '{specFile}' has {spec}; one dataset must have one feature spec.");
                }

                var columns = FileColumns.Resolve(reader.Schema, spec, groupColumn, file);
                for (var g = 0; g < reader.RowGroupCount; g++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    using var rowGroup = reader.OpenRowGroupReader(g);
                    await ReadRowGroupAsync(rowGroup, columns, spec, file, rows, cancellationToken);
                }
            }
            catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or FormatException or Parquet.ParquetException)
            {
                throw new FeatureTableException($"Part file '{file}' cannot be read as Parquet: {e.Message}", e);
            }
        }

        return new FeatureTable(spec!, rows, files) { Complete = File.Exists(System.IO.Path.Combine(directory, "_SUCCESS")) };
    }

    /// <summary>Whether two specs yield the same feature columns from the same pixels (the pixel limit only decides which images fail).</summary>
    public static bool SameFeatures(FeatureSpec a, FeatureSpec b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Lbp.SequenceEqual(b.Lbp) && a.Gray == b.Gray && a.Normalize == b.Normalize;
    }

    /// <summary>Infers an <see cref="LbpSpec"/> from a column name such as <c>lbp_p16_r1_5_uniform</c>, or null.</summary>
    public static LbpSpec? SpecFromColumnName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var match = LbpColumnPattern().Match(name);
        if (!match.Success)
        {
            return null;
        }

        var radius = match.Groups["r"].Value.Replace('_', '.');
        try
        {
            var spec = LbpSpec.Parse(string.Create(CultureInfo.InvariantCulture, $"{match.Groups["p"].Value}:{radius}:{match.Groups["m"].Value}"));
            return spec.ColumnName == name ? spec : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// The part files of exactly one dataset: those at its top level and in Hive partition folders (<c>key=value</c>,
    /// as Spark's partitionBy writes). Any other folder holding Parquet files is another dataset, and is refused by name
    /// rather than silently mixed in.
    /// </summary>
    private static List<string> ListPartFiles(string directory)
    {
        // Spark and our writer keep unfinished output under '_'- or '.'-prefixed names (_temporary, .part-*.tmp).
        var root = System.IO.Path.GetFullPath(directory);
        var files = new List<string>();
        var nested = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*.parquet", SearchOption.AllDirectories))
        {
            var folders = System.IO.Path.GetRelativePath(root, file).Split(System.IO.Path.DirectorySeparatorChar)[..^1];
            if (Hidden(System.IO.Path.GetFileName(file)) || folders.Any(Hidden))
            {
                continue;
            }

            var other = Array.FindIndex(folders, folder => !folder.Contains('=', StringComparison.Ordinal));
            if (other < 0)
            {
                files.Add(file);
            }
            else
            {
                var dataset = System.IO.Path.Combine([root, .. folders[..(other + 1)]]);
                if (!nested.Contains(dataset))
                {
                    nested.Add(dataset);
                }
            }
        }

        if (nested.Count > 0)
        {
            nested.Sort(StringComparer.Ordinal);
            throw new FeatureTableException(
                $"'{directory}' holds {nested.Count} other dataset folder(s) ({string.Join(", ", nested.Take(3).Select(n => $"'{n}'"))}); --features reads exactly one dataset: pass one of them.")
            { Kind = PipelineErrorKind.InvalidRequest };
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    private static bool Hidden(string name) => name.StartsWith('_') || name.StartsWith('.');

    private static FeatureSpec SpecOf(ParquetReader reader, string file)
    {
        if (reader.CustomMetadata is { } metadata && metadata.TryGetValue(FeatureSpecMetadataKey, out var json))
        {
            try
            {
                return FeatureSpec.FromJson(json);
            }
            catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or ArgumentException)
            {
                throw new FeatureTableException($"Part file '{file}': metadata '{FeatureSpecMetadataKey}' is not a feature spec: {e.Message}", e);
            }
        }

        // Files written by Spark carry no metadata: the column names still say P, R and method.
        var lbp = new List<LbpSpec>();
        foreach (var field in reader.Schema.Fields)
        {
            if (!field.Name.StartsWith(FeatureColumns.LbpPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            lbp.Add(SpecFromColumnName(field.Name)
                ?? throw new FeatureTableException($"Part file '{file}': column '{field.Name}' is not an LBP histogram column name (e.g. lbp_p24_r3_uniform)."));
        }

        if (lbp.Count == 0)
        {
            throw new FeatureTableException($"Part file '{file}' has no '{FeatureColumns.LbpPrefix}*' feature column and no '{FeatureSpecMetadataKey}' metadata.");
        }

        try
        {
            return new FeatureSpec(lbp);
        }
        catch (ArgumentException e)
        {
            throw new FeatureTableException($"Part file '{file}': {e.Message}", e);
        }
    }

    private static async Task ReadRowGroupAsync(
        ParquetRowGroupReader rowGroup, FileColumns columns, FeatureSpec spec, string file, List<FeatureRow> rows, CancellationToken cancellationToken)
    {
        var count = checked((int)rowGroup.RowCount);
        var paths = await ReadStringsAsync(rowGroup, columns.Path, count, cancellationToken);
        var labels = columns.Label is null ? new string?[count] : await ReadStringsAsync(rowGroup, columns.Label, count, cancellationToken);
        var errors = columns.Error is null ? new string?[count] : await ReadStringsAsync(rowGroup, columns.Error, count, cancellationToken);
        var groups = columns.Group is null ? new string?[count] : await ReadGroupsAsync(rowGroup, columns.Group, count, cancellationToken);
        var histograms = new float[]?[columns.Lbp.Count][];
        for (var i = 0; i < columns.Lbp.Count; i++)
        {
            histograms[i] = await ListColumnReader.ReadAsync(rowGroup, columns.Lbp[i], count, file, cancellationToken);
        }

        var rowHistograms = new float[]?[histograms.Length];
        for (var r = 0; r < count; r++)
        {
            for (var i = 0; i < histograms.Length; i++)
            {
                rowHistograms[i] = histograms[i][r];
            }

            rows.Add(RowOf(spec, paths[r], labels[r], errors[r], groups[r], rowHistograms, $"Part file '{file}'"));
        }
    }

    /// <summary>
    /// One dataset row from its column values, however they were read (Parquet here, rows collected through Spark by the
    /// driver): the histograms are checked against the spec and concatenated in spec order; an error row has no features.
    /// </summary>
    /// <param name="source">Names where the row comes from in messages, e.g. <c>Part file 'x.parquet'</c>.</param>
    /// <exception cref="FeatureTableException">A null path, or a row without error whose histograms do not fit the spec.</exception>
    public static FeatureRow RowOf(FeatureSpec spec, string? path, string? label, string? error, string? group, IReadOnlyList<float[]?> histograms, string source)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(histograms);
        if (path is null)
        {
            throw new FeatureTableException($"{source}: column '{FeatureColumns.Path}' has a null value.");
        }

        return new FeatureRow(path, label, error, group, error is null ? Concatenate(spec, histograms, path, source) : null);
    }

    private static float[] Concatenate(FeatureSpec spec, IReadOnlyList<float[]?> histograms, string path, string source)
    {
        var features = new float[spec.Lbp.Sum(s => s.BinCount)];
        var offset = 0;
        for (var i = 0; i < spec.Lbp.Count; i++)
        {
            var histogram = histograms[i];
            var bins = spec.Lbp[i].BinCount;
            if (histogram is null || histogram.Length != bins)
            {
                throw new FeatureTableException(
                    $"{source}, row '{path}': column '{spec.Lbp[i].ColumnName}' has {histogram?.Length.ToString(CultureInfo.InvariantCulture) ?? "no"} values where {bins} bins are expected and the row has no error.");
            }

            histogram.CopyTo(features, offset);
            offset += bins;
        }

        return features;
    }

    private static async Task<string?[]> ReadStringsAsync(ParquetRowGroupReader rowGroup, DataField field, int count, CancellationToken cancellationToken)
    {
        var values = new string?[count];
        await rowGroup.ReadAsync(field, values.AsMemory(), null, cancellationToken);
        return values;
    }

    private static async Task<string?[]> ReadGroupsAsync(ParquetRowGroupReader rowGroup, DataField field, int count, CancellationToken cancellationToken)
    {
        if (FileColumns.IsText(field))
        {
            return await ReadStringsAsync(rowGroup, field, count, cancellationToken);
        }

        if (field.ClrType == typeof(int))
        {
            var values = new int?[count];
            await rowGroup.ReadAsync(field, values.AsMemory(), null, cancellationToken);
            return Array.ConvertAll(values, v => v?.ToString(CultureInfo.InvariantCulture));
        }

        var longs = new long?[count];
        await rowGroup.ReadAsync(field, longs.AsMemory(), null, cancellationToken);
        return Array.ConvertAll(longs, v => v?.ToString(CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^lbp_p(?<p>\d+)_r(?<r>\d+(?:_\d+)?)_(?<m>[a-z_]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex LbpColumnPattern();
}
