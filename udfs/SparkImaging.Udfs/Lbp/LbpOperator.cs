using System.Collections.Concurrent;
using SparkImaging.Udfs.Memory;

namespace SparkImaging.Udfs.Lbp;

/// <summary>
/// Computes the LBP of one <see cref="LbpSpec"/> on a gray image: codes identical to
/// <c>skimage.feature.local_binary_pattern</c> 0.19, or their histogram counts.
/// Instances are immutable and thread-safe; get them with <see cref="For"/>.
/// </summary>
public sealed partial class LbpOperator
{
    private static readonly ConcurrentDictionary<LbpSpec, LbpOperator> Cache = new();
    private readonly LbpGeometry geometry;
    private readonly LbpCodeMap? codeMap;

    private LbpOperator(LbpSpec spec)
    {
        Spec = spec;
        geometry = LbpGeometry.Create(spec.Points, spec.Radius);
        codeMap = spec.Method == LbpMethod.Var ? null : new LbpCodeMap(spec.Points, spec.Method);
    }

    /// <summary>The operator's definition.</summary>
    public LbpSpec Spec { get; }

    /// <summary>Sample row offsets, as scikit-image computes them (for tests and documentation).</summary>
    public IReadOnlyList<double> RowOffsets => geometry.RowOffsets;

    /// <summary>Sample column offsets.</summary>
    public IReadOnlyList<double> ColumnOffsets => geometry.ColumnOffsets;

    /// <summary>The shared operator of a spec.</summary>
    public static LbpOperator For(LbpSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Cache.GetOrAdd(spec, static s => new LbpOperator(s));
    }

    /// <summary>Writes the code of every pixel (row-major) into <paramref name="codes"/>, as scikit-image returns them.</summary>
    public void ComputeCodes(ReadOnlySpan<double> image, int rows, int columns, Span<double> codes)
    {
        CheckShape(image, rows, columns);
        if (codes.Length < rows * columns)
        {
            throw new ArgumentException($"Output holds {codes.Length} values; the image has {rows * columns} pixels.", nameof(codes));
        }

        if (codeMap is null)
        {
            ComputeVariance(image, rows, columns, codes);
            return;
        }

        using var patterns = new PooledBuffer<ulong>(columns);
        using var scratch = new InteriorTables(geometry, columns);
        var finite = IsAllFinite(image[..(rows * columns)]);
        for (var r = 0; r < rows; r++)
        {
            RowPatterns(image, rows, columns, r, patterns.Span, scratch, finite, useVectors: true);
            var rowCodes = codes.Slice(r * columns, columns);
            for (var c = 0; c < columns; c++)
            {
                rowCodes[c] = codeMap.Map((uint)patterns.Span[c]);
            }
        }
    }

    /// <summary>Adds the number of pixels with each code to <paramref name="counts"/> (length <see cref="LbpSpec.BinCount"/>).</summary>
    public void CountCodes(ReadOnlySpan<double> image, int rows, int columns, Span<long> counts) =>
        CountCodes(image, rows, columns, counts, useVectors: true);

    internal void CountCodes(ReadOnlySpan<double> image, int rows, int columns, Span<long> counts, bool useVectors)
    {
        CheckShape(image, rows, columns);
        if (codeMap is null)
        {
            throw new InvalidOperationException("The 'var' method yields continuous values, not codes to count.");
        }

        if (counts.Length < Spec.BinCount)
        {
            throw new ArgumentException($"Counts hold {counts.Length} bins; {Spec} has {Spec.BinCount}.", nameof(counts));
        }

        using var patterns = new PooledBuffer<ulong>(columns);
        using var scratch = new InteriorTables(geometry, columns);
        var finite = IsAllFinite(image[..(rows * columns)]);
        var table = codeMap.Table;
        for (var r = 0; r < rows; r++)
        {
            RowPatterns(image, rows, columns, r, patterns.Span, scratch, finite, useVectors);
            var row = patterns.Span;
            if (table is not null)
            {
                for (var c = 0; c < row.Length; c++)
                {
                    counts[table[(int)row[c]]]++;
                }
            }
            else
            {
                for (var c = 0; c < row.Length; c++)
                {
                    counts[codeMap.Map((uint)row[c])]++;
                }
            }
        }
    }

    private static void CheckShape(ReadOnlySpan<double> image, int rows, int columns)
    {
        if (rows < 1 || columns < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(rows), $"Image must be at least 1×1; got {rows}×{columns}.");
        }

        if ((long)rows * columns > image.Length)
        {
            throw new ArgumentException($"Image holds {image.Length} values; {rows}×{columns} needs {(long)rows * columns}.", nameof(image));
        }
    }

    private static bool IsAllFinite(ReadOnlySpan<double> image)
    {
        // x − x is 0 for every finite x and NaN otherwise; one pass, no branch per pixel.
        var sum = 0.0;
        foreach (var v in image)
        {
            sum += v - v;
        }

        return sum == 0;
    }
}
