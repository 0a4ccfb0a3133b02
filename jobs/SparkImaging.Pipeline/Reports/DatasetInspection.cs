using System.Text.Json;
using System.Text.Json.Serialization;
using Parquet;
using Parquet.Schema;
using SparkImaging.Pipeline.Dataset;
using SparkImaging.Pipeline.Training;
using SparkImaging.Udfs.Features;

namespace SparkImaging.Pipeline.Reports;

/// <summary>
/// What <c>sparkimaging inspect</c> reports about a feature or predictions dataset: its schema and feature spec,
/// whether it is committed, its rows per label and failures by kind, its part files; predictions when it has them.
/// </summary>
/// <param name="Table">The rows themselves, for the plot.</param>
public sealed record DatasetInspection([property: JsonIgnore] FeatureTable Table)
{
    /// <summary>Paths listed per failure kind.</summary>
    public const int FirstPathsPerKind = 3;

    // Nulls kept (a script tests "predictions": null); '<' and '+' as is: the output goes to a terminal or a parser, never into HTML.
    private static readonly JsonSerializerOptions Json = new(ReportFiles.Json)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The dataset directory, absolute.</summary>
    public required string Directory { get; init; }

    /// <summary>Whether <c>_SUCCESS</c> exists: the run that wrote it accounted for every input.</summary>
    public required bool Committed { get; init; }

    /// <summary>The feature spec (from the metadata, or inferred from the column names of files Spark wrote).</summary>
    public required FeatureSpecSummary FeatureSpec { get; init; }

    /// <summary>The program version that wrote the first part file, if recorded.</summary>
    public required string? Version { get; init; }

    /// <summary>The columns of the first part file.</summary>
    public required IReadOnlyList<SchemaColumn> Schema { get; init; }

    /// <summary>Rows, failures included.</summary>
    public required long Rows { get; init; }

    /// <summary>Rows with an error.</summary>
    public required long Failed { get; init; }

    /// <summary>Rows per label (null label: <c>(none)</c>), in label order.</summary>
    public required IReadOnlyList<LabelRows> Labels { get; init; }

    /// <summary>Failed rows per kind of failure (the part of the error before ':'), most frequent first.</summary>
    public required IReadOnlyList<FailureKindRows> Failures { get; init; }

    /// <summary>The committed part files.</summary>
    public required IReadOnlyList<PartFile> PartFiles { get; init; }

    /// <summary>Bytes of all part files.</summary>
    public long Bytes => PartFiles.Sum(p => p.Bytes);

    /// <summary>For a predictions dataset: the model's labels, counts per predicted class and, with labels, its scores.</summary>
    public required PredictionSummary? Predictions { get; init; }

    /// <summary>Reads and describes the dataset in <paramref name="directory"/>.</summary>
    /// <exception cref="PipelineException">
    /// <see cref="PipelineErrorKind.NoInput"/>: the directory does not exist or holds no part file;
    /// <see cref="PipelineErrorKind.InvalidRequest"/>: it is not a feature or predictions dataset.
    /// </exception>
    public static async Task<DatasetInspection> ReadAsync(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        FeatureTable table;
        try
        {
            table = await FeatureTableReader.ReadAsync(directory, cancellationToken: cancellationToken);
        }
        catch (FeatureTableException e) when (e.Kind == PipelineErrorKind.Failed)
        {
            // The directory was the whole request: parquet files that do not form a dataset are a wrong argument.
            throw new PipelineException(PipelineErrorKind.InvalidRequest, $"'{directory}' is not a feature or predictions dataset: {e.Message}", e);
        }

        var parts = new List<PartFile>(table.Files.Count);
        IReadOnlyList<SchemaColumn> schema = [];
        string? version = null;
        foreach (var file in table.Files)
        {
            await using var stream = File.OpenRead(file);
            await using var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken);
            if (parts.Count == 0)
            {
                schema = reader.Schema.Fields.Select(SchemaColumn.Of).ToList();
                version = reader.CustomMetadata?.GetValueOrDefault(DatasetMetadata.VersionKey);
            }

            var rows = Enumerable.Range(0, reader.RowGroupCount).Sum(g => reader.Metadata?.RowGroups[g].NumRows ?? 0);
            parts.Add(new PartFile(Path.GetRelativePath(Path.GetFullPath(directory), file), rows, stream.Length));
        }

        var predictions = await PredictionTable.ReadAsync(table.Files, cancellationToken);
        return new DatasetInspection(table)
        {
            Directory = Path.GetFullPath(directory),
            Committed = table.Complete,
            FeatureSpec = FeatureSpecSummary.Of(table.Spec),
            Version = version,
            Schema = schema,
            Rows = table.Rows.Count,
            Failed = table.Rows.Count(r => r.Error is not null),
            Labels = table.Rows
                .GroupBy(r => r.Label ?? LabelRows.NoLabel, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new LabelRows(g.Key, g.Count(), g.Count(r => r.Error is not null)))
                .ToList(),
            Failures = table.Rows
                .Where(r => r.Error is not null)
                .GroupBy(r => FeatureColumns.ErrorKind(r.Error!), StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new FailureKindRows(g.Key, g.Count(), g.Select(r => r.Path).Order(StringComparer.Ordinal).Take(FirstPathsPerKind).ToList()))
                .ToList(),
            PartFiles = parts,
            Predictions = predictions is null ? null : PredictionSummary.Of(predictions),
        };
    }

    /// <summary>The inspection as indented snake_case JSON, for scripts.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

/// <summary>A feature spec as the user writes it.</summary>
/// <param name="Lbp">The <c>--lbp</c> specs, <c>P:R:method</c>.</param>
/// <param name="Columns">Their histogram columns.</param>
public sealed record FeatureSpecSummary(IReadOnlyList<string> Lbp, IReadOnlyList<string> Columns, string Gray, string Normalize)
{
    /// <summary>Describes a spec.</summary>
    public static FeatureSpecSummary Of(FeatureSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new FeatureSpecSummary(
            spec.Lbp.Select(s => s.ToString()).ToList(),
            spec.Lbp.Select(FeatureColumns.LbpColumn).ToList(),
            FeatureSpec.Name(spec.Gray),
            FeatureSpec.Name(spec.Normalize));
    }
}

/// <summary>One column of the Parquet schema, with Arrow-style type names (<c>string</c>, <c>int32</c>, <c>list&lt;float&gt;</c>).</summary>
public sealed record SchemaColumn(string Name, string Type, bool Nullable)
{
    /// <summary>Describes a Parquet.Net field.</summary>
    public static SchemaColumn Of(Field field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field switch
        {
            ListField { Item: DataField item } list => new SchemaColumn(field.Name, $"list<{TypeName(item)}>", list.IsNullable),
            DataField data => new SchemaColumn(field.Name, TypeName(data), data.IsNullable),
            _ => new SchemaColumn(field.Name, field.SchemaType.ToString().ToLowerInvariant(), Nullable: true),
        };
    }

    private static string TypeName(DataField field) => field.ClrType switch
    {
        var t when t == typeof(string) || t == typeof(ReadOnlyMemory<char>) => "string",
        var t when t == typeof(int) => "int32",
        var t when t == typeof(long) => "int64",
        var t when t == typeof(float) => "float",
        var t when t == typeof(double) => "double",
        var t when t == typeof(bool) => "boolean",
        var t => t.Name.ToLowerInvariant(),
    };
}

/// <summary>Rows of one label, and how many of them failed.</summary>
public sealed record LabelRows(string Label, long Rows, long Failed)
{
    /// <summary>Stands for a null label.</summary>
    public const string NoLabel = "(none)";
}

/// <summary>Failed rows of one kind and the first few of their paths (in path order).</summary>
public sealed record FailureKindRows(string Kind, long Rows, IReadOnlyList<string> FirstPaths);

/// <summary>A committed part file: its path under the dataset, rows and size.</summary>
public sealed record PartFile(string Name, long Rows, long Bytes);
