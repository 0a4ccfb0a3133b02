using SparkImaging.Udfs.Memory;

namespace SparkImaging.Udfs.Lbp;

/// <summary>Everything one image's pattern pass needs besides the image: pooled once per image, not per row.</summary>
internal sealed class PatternScratch : IDisposable
{
    private readonly PooledBuffer<ulong> patterns;
    private readonly PooledBuffer<byte> bytePatterns;

    /// <summary>Bytes of byte patterns gathered before they are counted: several rows, fewer calls, still in L1.</summary>
    private const int ByteRowsBytes = 8192;

    public PatternScratch(LbpGeometry geometry, int rows, int columns)
    {
        Tables = new InteriorTables(geometry, columns);
        Band = new PaddedBand(columns, Math.Min(rows, PaddedBand.RowsFor(geometry.Reach)), geometry.Reach);
        patterns = new PooledBuffer<ulong>(columns, aligned: true);
        bytePatterns = new PooledBuffer<byte>(Math.Max(columns, ByteRowsBytes), aligned: true);
        Samples = new InteriorSample[geometry.Points];
        Interpolations = new RowInterpolations(geometry, columns);
    }

    public InteriorTables Tables { get; }

    public PaddedBand Band { get; }

    /// <summary>The current row's patterns, one per column.</summary>
    public Span<ulong> Patterns => patterns.Span;

    /// <summary>Rows of patterns as bytes, for P ≤ 8 when they are counted: at least a row, else several.</summary>
    public Span<byte> BytePatterns => bytePatterns.Span;

    /// <summary>The current row's sample descriptions.</summary>
    public InteriorSample[] Samples { get; }

    /// <summary>The shared-rows kernel's ring of horizontal interpolations.</summary>
    public RowInterpolations Interpolations { get; }

    public void Dispose()
    {
        Interpolations.Dispose();
        Tables.Dispose();
        Band.Dispose();
        patterns.Dispose();
        bytePatterns.Dispose();
    }
}
