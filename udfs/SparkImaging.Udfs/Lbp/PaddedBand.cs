using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using SparkImaging.Udfs.Memory;

namespace SparkImaging.Udfs.Lbp;

/// <summary>
/// A band of image rows surrounded by zeros. scikit-image reads outside the image as 0 (constant mode), so with
/// the zeros in place every pixel, border included, takes the same fixed-offset path with the same arithmetic.
/// A band, not the whole image, keeps the copy small and in cache.
/// </summary>
internal sealed class PaddedBand : IDisposable
{
    /// <summary>The most rows a band holds (<see cref="RowsFor"/>).</summary>
    public const int MaxRows = 64;

    // The filtered kernel's bounds (see SampleLanes.Filtered): 2⁻⁶⁰, 2⁶⁰ and 2⁻²⁰.
    private static readonly double SmallestMagnitude = Math.ScaleB(1, -60);
    private static readonly double LargestMagnitude = Math.ScaleB(1, 60);
    private static readonly double ToleranceScale = Math.ScaleB(1, -20);

    private readonly PooledBuffer<double> buffer;
    private readonly PooledBuffer<float> singles;
    private readonly int columns;
    private readonly int left;

    /// <summary>
    /// Rows per band for a margin: large enough that the margin rows copied twice are a small overhead, and for a
    /// margin of one row small enough that the band (doubles and floats, twelve bytes a pixel) of a 512-column image
    /// stays in L2 with the rest of the kernel's data, as 64 rows did not; with wider margins the extra rows, and the
    /// ring's restart at every band, cost more than that saves.
    /// </summary>
    public static int RowsFor(int margin) => margin <= 1 ? 32 : MaxRows;

    public PaddedBand(int columns, int bandRows, int margin)
    {
        this.columns = columns;
        Margin = margin;

        // Column 0 of every row on a cache line (in both buffers), so that the centres are read in whole lines.
        left = AlignUp(margin);
        Stride = AlignUp(left + columns + margin);
        buffer = new PooledBuffer<double>(checked((bandRows + (2 * margin)) * Stride), aligned: true);
        singles = new PooledBuffer<float>(buffer.Length, aligned: true);

        // Margins are cleared once; Load only ever writes the image's columns (the whole buffer was 0.4 MB of memset a 512² image).
        for (var start = 0; start < buffer.Length; start += Stride)
        {
            buffer.Span.Slice(start, left).Clear();
            buffer.Span.Slice(start + left + columns, Stride - left - columns).Clear();
            singles.Span.Slice(start, left).Clear();
            singles.Span.Slice(start + left + columns, Stride - left - columns).Clear();
        }
    }

    /// <summary>Zero rows and columns around the image rows (at least this many; columns are padded to whole cache lines).</summary>
    public int Margin { get; }

    /// <summary>Distance between the starts of two rows, a whole number of cache lines.</summary>
    public int Stride { get; }

    /// <summary>Image row of the band's first row.</summary>
    public int FirstRow { get; private set; }

    /// <summary>Image rows held, margins excluded.</summary>
    public int RowCount { get; private set; }

    /// <summary>Whether every value in the band is finite, which the integer-offset shortcut requires.</summary>
    public bool IsFinite { get; private set; }

    /// <summary>
    /// The filtered kernel's tolerance for this band, <c>M·2⁻²⁰</c> with M the largest |value|, or −1 when single
    /// precision cannot decide for it (non-finite values, or M outside [2⁻⁶⁰, 2⁶⁰]: a band of zeros, whose signed
    /// zeros the sign tests would misread, takes the double kernel).
    /// </summary>
    public float SingleTolerance { get; private set; }

    public ReadOnlySpan<double> Pixels => buffer.Span;

    /// <summary><see cref="Pixels"/> rounded to single precision (written by <see cref="Load"/> alongside them).</summary>
    public ReadOnlySpan<float> Singles => singles.Span;

    /// <summary>Band index of image pixel (row, column); either may lie up to <see cref="Margin"/> outside the image.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int IndexOf(int row, int column) => ((row - FirstRow + Margin) * Stride) + left + column;

    /// <summary>Copies image rows [firstRow, firstRow + count) and their margin rows (zeros outside the image).</summary>
    public void Load(ReadOnlySpan<double> image, int rows, int firstRow, int count)
    {
        FirstRow = firstRow;
        RowCount = count;
        var finite = true;
        var magnitude = 0.0;
        var span = buffer.Span;
        for (var k = 0; k < count + (2 * Margin); k++)
        {
            var source = firstRow - Margin + k;
            var destination = span.Slice((k * Stride) + left, columns);
            var singleDestination = singles.Span.Slice((k * Stride) + left, columns);
            if (source < 0 || source >= rows)
            {
                destination.Clear();
                singleDestination.Clear();
                continue;
            }

            finite &= CopyAndScan(image.Slice(source * columns, columns), destination, singleDestination, ref magnitude);
        }

        IsFinite = finite;
        SingleTolerance = finite && magnitude >= SmallestMagnitude && magnitude <= LargestMagnitude ? (float)(magnitude * ToleranceScale) : -1;
    }

    public void Dispose()
    {
        buffer.Dispose();
        singles.Dispose();
    }

    /// <summary>The next multiple of sixteen elements: 64 bytes of floats, 128 of doubles.</summary>
    private static int AlignUp(int elements) => (elements + 15) / 16 * 16;

    /// <summary>
    /// Copies one image row into the band and, rounded, into <see cref="Singles"/>: whether every value is finite;
    /// raises <paramref name="magnitude"/> to the largest |value| (meaningful when finite). One pass, not a copy, a
    /// scan and a rounding pass: the band's three passes were a tenth of the 24:3 kernel's time.
    /// </summary>
    /// <remarks>
    /// |x| as an integer: the bits of x without the sign, which order non-negative doubles as their values do, and put
    /// infinities and NaNs above every finite value. So one integer maximum gives both the largest magnitude and
    /// finiteness, and costs one instruction where <see cref="Vector.Max{T}(Vector{T}, Vector{T})"/> of doubles, with
    /// its NaN and signed-zero rules, costs three.
    /// </remarks>
    private static bool CopyAndScan(ReadOnlySpan<double> values, Span<double> destination, Span<float> singleDestination, ref double magnitude)
    {
        const long NotSign = long.MaxValue;
        var largest = new Vector<long>(BitConverter.DoubleToInt64Bits(magnitude));
        ref var source = ref MemoryMarshal.GetReference(values);
        ref var target = ref MemoryMarshal.GetReference(destination);
        ref var singleTarget = ref MemoryMarshal.GetReference(singleDestination);
        var n = Vector<double>.Count;
        var i = 0;
        for (; i + (2 * n) <= values.Length; i += 2 * n)
        {
            var low = Vector.LoadUnsafe(ref source, (nuint)i);
            var high = Vector.LoadUnsafe(ref source, (nuint)(i + n));
            low.StoreUnsafe(ref target, (nuint)i);
            high.StoreUnsafe(ref target, (nuint)(i + n));
            Vector.Narrow(low, high).StoreUnsafe(ref singleTarget, (nuint)i);
            largest = Vector.Max(largest, Vector.Max(Vector.AsVectorInt64(low) & new Vector<long>(NotSign), Vector.AsVectorInt64(high) & new Vector<long>(NotSign)));
        }

        var bits = 0L;
        for (var lane = 0; lane < Vector<long>.Count; lane++)
        {
            bits = Math.Max(bits, largest[lane]);
        }

        for (; i < values.Length; i++)
        {
            destination[i] = values[i];
            singleDestination[i] = (float)values[i];
            bits = Math.Max(bits, BitConverter.DoubleToInt64Bits(values[i]) & NotSign);
        }

        magnitude = BitConverter.Int64BitsToDouble(bits);
        return double.IsFinite(magnitude);
    }
}
