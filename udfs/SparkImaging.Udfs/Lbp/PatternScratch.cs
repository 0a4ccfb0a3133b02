using SparkImaging.Udfs.Memory;

namespace SparkImaging.Udfs.Lbp;

/// <summary>Everything one image's pattern pass needs besides the image: pooled once per image, not per row.</summary>
internal sealed class PatternScratch : IDisposable
{
    private readonly PooledBuffer<ulong> patterns;
    private readonly PooledBuffer<byte> bytePatterns;
    private readonly PooledBuffer<uint> planes;
    private readonly PooledBuffer<float> passData;

    /// <summary>Bytes of byte patterns gathered before they are counted: several rows, fewer calls, still in L1.</summary>
    private const int ByteRowsBytes = 8192;

    /// <summary>
    /// Plane words a point gathers, row after row, before they are counted: 4,096 columns (eight rows of 512), so
    /// that <see cref="UniformPlanes.Count"/> runs once for several rows (its per-call work was a third of its time
    /// at two vectors a row), and a row's planes of every point stay in L1 (24 points: 12 KB).
    /// </summary>
    private const int GatheredPlaneWords = 128;

    private readonly int columns;
    private readonly int margin;
    private readonly int bandRows;

    public PatternScratch(LbpGeometry geometry, int rows, int columns)
    {
        this.columns = columns;
        margin = geometry.Reach;
        bandRows = BandRows(margin, rows);
        Tables = new InteriorTables(geometry, columns);
        Band = new PaddedBand(columns, bandRows, margin);
        patterns = new PooledBuffer<ulong>(columns, aligned: true);
        bytePatterns = new PooledBuffer<byte>(Math.Max(columns, ByteRowsBytes), aligned: true);
        Samples = new InteriorSample[geometry.Points];
        var words = (columns + SampleLanes.PlaneColumns - 1) / SampleLanes.PlaneColumns;
        RowPlaneWords = words;
        PlaneStride = (Math.Max(words, GatheredPlaneWords) + UniformPlanes.WordsPerVector - 1) / UniformPlanes.WordsPerVector * UniformPlanes.WordsPerVector;
        planes = new PooledBuffer<uint>(geometry.Points * PlaneStride, aligned: true);
        passData = new PooledBuffer<float>(words * SampleLanes.PassData, aligned: true);
        Interpolations = new RowInterpolations(geometry, columns);
    }

    public InteriorTables Tables { get; }

    /// <summary>Whether this scratch serves an image of <paramref name="rows"/> × <paramref name="columns"/> (of its geometry).</summary>
    public bool Fits(int rows, int columns) => columns == this.columns && BandRows(margin, rows) == bandRows;

    public PaddedBand Band { get; }

    /// <summary>The current row's patterns, one per column.</summary>
    public Span<ulong> Patterns => patterns.Span;

    /// <summary>Rows of patterns as bytes, for P ≤ 8 when they are counted: at least a row, else several.</summary>
    public Span<byte> BytePatterns => bytePatterns.Span;

    /// <summary>
    /// Rows' bits as planes (<see cref="SampleLanes.FilteredPlanes"/>), <see cref="PlaneStride"/> words a point: the
    /// words of several rows side by side, each row's from <see cref="PlaneStart"/>, until they are counted.
    /// </summary>
    public Span<uint> Planes => planes.Span;

    /// <summary>Words from one point's plane to the next's: at least a row's words, rounded up to whole vectors.</summary>
    public int PlaneStride { get; }

    /// <summary>The most plane words one row (or strip) of the image takes.</summary>
    public int RowPlaneWords { get; }

    /// <summary>Where in each point's plane the next row's words go (the words before it wait to be counted).</summary>
    public int PlaneStart { get; set; }

    /// <summary>The planes' scratch of a row (<see cref="SampleLanes.PassData"/> a pass).</summary>
    public Span<float> PassData => passData.Span;

    /// <summary>The current row's sample descriptions.</summary>
    public InteriorSample[] Samples { get; }

    /// <summary>The shared-rows kernel's ring of horizontal interpolations.</summary>
    public RowInterpolations Interpolations { get; }

    private static int BandRows(int margin, int rows) => Math.Min(rows, PaddedBand.RowsFor(margin));

    public void Dispose()
    {
        Interpolations.Dispose();
        Tables.Dispose();
        Band.Dispose();
        patterns.Dispose();
        bytePatterns.Dispose();
        planes.Dispose();
        passData.Dispose();
    }
}
