using SparkImaging.Udfs.Memory;

namespace SparkImaging.Udfs.Lbp;

/// <summary>Everything one image's pattern pass needs besides the image: pooled once per image, not per row.</summary>
internal sealed class PatternScratch : IDisposable
{
    private readonly PooledBuffer<ulong> patterns;

    public PatternScratch(LbpGeometry geometry, int rows, int columns)
    {
        Tables = new InteriorTables(geometry, columns);
        Band = new PaddedBand(columns, Math.Min(rows, PaddedBand.Rows), geometry.Reach);
        patterns = new PooledBuffer<ulong>(columns);
        Samples = new InteriorSample[geometry.Points];
    }

    public InteriorTables Tables { get; }

    public PaddedBand Band { get; }

    /// <summary>The current row's patterns, one per column.</summary>
    public Span<ulong> Patterns => patterns.Span;

    /// <summary>The current row's sample descriptions.</summary>
    public InteriorSample[] Samples { get; }

    public void Dispose()
    {
        Tables.Dispose();
        Band.Dispose();
        patterns.Dispose();
    }
}
