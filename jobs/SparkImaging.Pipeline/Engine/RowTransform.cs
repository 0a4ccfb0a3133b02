using Apache.Arrow;

namespace SparkImaging.Pipeline.Engine;

/// <summary>
/// What the engine writes: feature rows as they are (featurize), or with more columns (predict).
/// </summary>
/// <param name="Schema">Arrow schema of the rows written.</param>
/// <param name="Metadata">Key-value metadata of every part file.</param>
/// <param name="Apply">Feature-table batch → written batch.</param>
public sealed record RowTransform(Schema Schema, IReadOnlyDictionary<string, string> Metadata, Func<RecordBatch, RecordBatch> Apply);
