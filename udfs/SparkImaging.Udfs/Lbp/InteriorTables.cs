using SparkImaging.Udfs.Memory;

namespace SparkImaging.Udfs.Lbp;

/// <summary>
/// Per-column interpolation weights <c>dc = (c + cp) − floor(c + cp)</c> and <c>1 − dc</c> for each sample,
/// computed once per image width. They vary in the last bits from column to column, so they are tabled, not shared.
/// </summary>
internal sealed class InteriorTables : IDisposable
{
    private readonly PooledBuffer<double> weights;
    private readonly PooledBuffer<double> complements;
    private readonly int columns;

    public InteriorTables(LbpGeometry geometry, int columns)
    {
        this.columns = columns;
        var points = geometry.Points;
        weights = new PooledBuffer<double>(points * columns);
        complements = new PooledBuffer<double>(points * columns);
        IsUsable = true;
        for (var i = 0; i < points; i++)
        {
            var dc = weights.Span.Slice(i * columns, columns);
            var oneMinusDc = complements.Span.Slice(i * columns, columns);
            for (var c = 0; c < columns; c++)
            {
                var position = c + geometry.ColumnOffsets[i];
                var left = Math.Floor(position);
                dc[c] = position - left;
                oneMinusDc[c] = 1 - dc[c];

                // The fast path reads neighbours at fixed offsets; it holds for every realistic width.
                IsUsable &= left == c + geometry.ColumnFloor[i] && Math.Ceiling(position) - left == geometry.ColumnSpan[i];
            }
        }
    }

    /// <summary>False when some column breaks the fixed-offset assumption; then every pixel is bounds-checked.</summary>
    public bool IsUsable { get; }

    /// <summary>Columns per sample: sample i's weight of column c is at <c>i · Columns + c</c>.</summary>
    public int Columns => columns;

    /// <summary>Every sample's <c>dc</c>, sample-major.</summary>
    public ReadOnlySpan<double> AllWeights => weights.Span;

    /// <summary>Every sample's <c>1 − dc</c>, sample-major.</summary>
    public ReadOnlySpan<double> AllComplements => complements.Span;

    public void Dispose()
    {
        weights.Dispose();
        complements.Dispose();
    }
}
