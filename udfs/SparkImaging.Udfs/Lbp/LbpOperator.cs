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

    /// <summary>Each thread's scratch of each operator it ran, kept for the next image (<see cref="RentScratch"/>).</summary>
    [ThreadStatic]
    private static Dictionary<LbpOperator, PatternScratch>? scratches;

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
    public void ComputeCodes(ReadOnlySpan<double> image, int rows, int columns, Span<double> codes) =>
        ComputeCodes(image, rows, columns, codes, useVectors: true);

    internal void ComputeCodes(ReadOnlySpan<double> image, int rows, int columns, Span<double> codes, bool useVectors) =>
        ComputeCodes(image, rows, columns, codes, useVectors ? LbpKernel.Filtered : LbpKernel.Scalar);

    internal void ComputeCodes(ReadOnlySpan<double> image, int rows, int columns, Span<double> codes, LbpKernel kernel)
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

        var scratch = RentScratch(rows, columns);
        var walk = new PatternWalk(this, image, rows, columns, scratch, kernel, bytes: false);
        while (walk.Next())
        {
            var stripCodes = codes.Slice((walk.Row * columns) + walk.FirstColumn, walk.Patterns.Length);
            for (var c = 0; c < stripCodes.Length; c++)
            {
                stripCodes[c] = codeMap.Map((uint)walk.Patterns[c]);
            }
        }

        ReturnScratch(scratch);
    }

    /// <summary>Adds the number of pixels with each code to <paramref name="counts"/> (length <see cref="LbpSpec.BinCount"/>).</summary>
    public void CountCodes(ReadOnlySpan<double> image, int rows, int columns, Span<long> counts) =>
        CountCodes(image, rows, columns, counts, useVectors: true);

    internal void CountCodes(ReadOnlySpan<double> image, int rows, int columns, Span<long> counts, bool useVectors) =>
        CountCodes(image, rows, columns, counts, useVectors ? LbpKernel.Filtered : LbpKernel.Scalar);

    internal void CountCodes(ReadOnlySpan<double> image, int rows, int columns, Span<long> counts, LbpKernel kernel)
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

        // Several count arrays, pixel by pixel in turn, so that a run of equal codes does not wait on its own stores;
        // small P count patterns, mapped to codes once at the end; P ≤ 8 as bytes, tallied by code in vectors where the
        // machine can (the tally's state after the count arrays).
        var slots = codeMap.SlotsFor(Spec.BinCount);
        var ways = LbpCodeMap.WaysFor(slots);

        // Uniform codes with AVX2 (no AVX-512): the filtered kernel's bits as planes, counted 256 columns at a time.
        var planes = kernel == LbpKernel.Filtered && Spec.Method == LbpMethod.Uniform && SampleLanes.CanPlane;
        var bytes = codeMap.CountsBytes && !planes;
        // The count arrays are cleared on first use: rows whose columns all go to planes never touch them.
        using var wayCounts = new PooledBuffer<long>((ways * slots) + codeMap.TallyLength);
        var countsUsed = bytes;
        if (countsUsed)
        {
            wayCounts.Span.Clear();
        }

        var scratch = RentScratch(rows, columns);
        var walk = new PatternWalk(this, image, rows, columns, scratch, kernel, bytes, planes);
        var gathered = 0;
        while (walk.Next())
        {
            // Plane words gather row after row and are counted when the next row's might not fit.
            if (walk.PlaneWords > 0)
            {
                scratch.PlaneStart += walk.PlaneWords;
                if (scratch.PlaneStart + scratch.RowPlaneWords > scratch.PlaneStride)
                {
                    UniformPlanes.Count(scratch.Planes, scratch.PlaneStride, scratch.PlaneStart, Spec.Points, counts);
                    scratch.PlaneStart = 0;
                }
            }

            if (!bytes)
            {
                if (!walk.Patterns.IsEmpty)
                {
                    if (!countsUsed)
                    {
                        wayCounts.Span.Clear();
                        countsUsed = true;
                    }

                    codeMap.Count(walk.Patterns, wayCounts.Span, slots, ways);
                }

                continue;
            }

            // Byte patterns gather row after row and are counted when the next row might not fit.
            gathered += walk.BytePatterns.Length;
            if (gathered + columns > scratch.BytePatterns.Length)
            {
                codeMap.Count(scratch.BytePatterns[..gathered], wayCounts.Span, slots);
                gathered = 0;
            }

            walk.ByteStart = gathered;
        }

        if (gathered > 0)
        {
            codeMap.Count(scratch.BytePatterns[..gathered], wayCounts.Span, slots);
        }

        if (scratch.PlaneStart > 0)
        {
            UniformPlanes.Count(scratch.Planes, scratch.PlaneStride, scratch.PlaneStart, Spec.Points, counts);
        }

        if (countsUsed)
        {
            for (var w = 0; w < ways; w++)
            {
                codeMap.Fold(wayCounts.Span.Slice(w * slots, slots), counts);
            }

            codeMap.FoldTally(wayCounts.Span[(ways * slots)..], counts);
        }

        ReturnScratch(scratch);
    }

    /// <summary>
    /// This thread's scratch for images of <paramref name="columns"/> columns (and as many band rows as
    /// <paramref name="rows"/> allow), the one it returned last if it fits, else a new one (the old one disposed).
    /// </summary>
    /// <remarks>
    /// A scratch per call cost 2–3 % of a 512² image's kernel (the ring's key groups are built with LINQ, the band's
    /// margins cleared, a dozen buffers rented), far more of a small tile's. Kept per operator and thread, it also keeps
    /// the ring's column weights and the band's row descriptions (both checked against the layout before use). A call
    /// that throws does not give its scratch back: the next one starts afresh.
    /// </remarks>
    private PatternScratch RentScratch(int rows, int columns)
    {
        scratches ??= [];
        if (scratches.Remove(this, out var held) && held.Fits(rows, columns))
        {
            held.PlaneStart = 0;
            return held;
        }

        held?.Dispose();
        return new PatternScratch(geometry, rows, columns);
    }

    private void ReturnScratch(PatternScratch scratch) => (scratches ??= [])[this] = scratch;

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
}
