using SparkImaging.Udfs.Memory;

namespace SparkImaging.Udfs.Lbp;

/// <summary>
/// Per-column interpolation weights <c>dc = (c + cp) − floor(c + cp)</c> and <c>1 − dc</c> for each sample,
/// computed once per image width. They vary in the last bits from column to column, so they are tabled, not shared.
/// </summary>
internal sealed class InteriorTables : IDisposable
{
    private readonly LbpGeometry geometry;
    private readonly int columns;
    private PooledBuffer<double> weights;
    private PooledBuffer<double> complements;
    private bool filled;

    /// <remarks>
    /// The tables themselves are filled on first use: the shared-rows and filtered kernels only ask
    /// <see cref="IsUsable"/>, and filling P tables of the image's width on every call cost them a few percent.
    /// </remarks>
    public InteriorTables(LbpGeometry geometry, int columns)
    {
        this.geometry = geometry;
        this.columns = columns;
        IsUsable = geometry.FixedOffsetsHold(columns);
    }

    /// <summary>False when some column breaks the fixed-offset assumption; then every pixel is bounds-checked.</summary>
    public bool IsUsable { get; }

    /// <summary>Columns per sample: sample i's weight of column c is at <c>i · Columns + c</c>.</summary>
    public int Columns => columns;

    /// <summary>Every sample's <c>dc</c>, sample-major.</summary>
    public ReadOnlySpan<double> AllWeights
    {
        get
        {
            Fill();
            return weights.Span;
        }
    }

    /// <summary>Every sample's <c>1 − dc</c>, sample-major.</summary>
    public ReadOnlySpan<double> AllComplements
    {
        get
        {
            Fill();
            return complements.Span;
        }
    }

    public void Dispose()
    {
        if (filled)
        {
            weights.Dispose();
            complements.Dispose();
        }
    }

    private void Fill()
    {
        if (filled)
        {
            return;
        }

        var points = geometry.Points;
        weights = new PooledBuffer<double>(points * columns);
        complements = new PooledBuffer<double>(points * columns);
        filled = true;
        for (var i = 0; i < points; i++)
        {
            var dc = weights.Span.Slice(i * columns, columns);
            var oneMinusDc = complements.Span.Slice(i * columns, columns);
            for (var c = 0; c < columns; c++)
            {
                var position = c + geometry.ColumnOffsets[i];
                dc[c] = position - Math.Floor(position);
                oneMinusDc[c] = 1 - dc[c];
            }
        }
    }
}
