using Apache.Arrow;

namespace SparkImaging.Pipeline.Dataset;

/// <summary>Rows [<see cref="Start"/>, <see cref="End"/>) of a batch: how a part file of exactly N rows takes part of a batch.</summary>
/// <param name="Batch">The batch the rows are in.</param>
/// <param name="Start">The first row.</param>
/// <param name="Count">How many rows.</param>
internal readonly record struct RowRange(RecordBatch Batch, int Start, int Count)
{
    /// <summary>One past the last row.</summary>
    public int End => Start + Count;

    /// <summary>All rows of <paramref name="batch"/>.</summary>
    public static RowRange All(RecordBatch batch) => new(batch, 0, batch.Length);
}
