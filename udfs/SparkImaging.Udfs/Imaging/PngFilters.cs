using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace SparkImaging.Udfs.Imaging;

/// <summary>
/// Undoes the five PNG row filters in place. Sub, Average and Paeth carry a dependency from each pixel to the next,
/// so for 3- and 4-byte pixels they run one pixel per step with the pixel's bytes side by side in a vector register
/// (as libpng's SSE2 and NEON filters do): Sub and Paeth in portable <see cref="Vector128"/> code (SSE2 on x86,
/// AdvSimd on ARM64), Average with each ISA's halving add; Up is a plain vector add; everything else is the scalar loop.
/// </summary>
internal static class PngFilters
{
    private const byte None = 0;
    private const byte Sub = 1;
    private const byte Up = 2;
    private const byte Average = 3;
    private const byte Paeth = 4;

    /// <summary><paramref name="previous"/> is the row above, already unfiltered (zeros for a pass's first row).</summary>
    public static void Unfilter(byte filter, Span<byte> row, ReadOnlySpan<byte> previous, int bytesPerPixel)
    {
        if (previous.Length < row.Length)
        {
            throw new ArgumentException($"The row above has {previous.Length} bytes, fewer than the row's {row.Length}.", nameof(previous));
        }

        var done = 0;
        var vectors = Vector128.IsHardwareAccelerated && bytesPerPixel is 3 or 4;
        switch (filter)
        {
            case None:
                return;
            case Sub:
                done = vectors ? SubVector128(row, bytesPerPixel) : bytesPerPixel;
                for (var i = Math.Max(done, bytesPerPixel); i < row.Length; i++)
                {
                    row[i] += row[i - bytesPerPixel];
                }

                return;
            case Up:
                for (; done + Vector<byte>.Count <= row.Length; done += Vector<byte>.Count)
                {
                    (new Vector<byte>(row[done..]) + new Vector<byte>(previous[done..])).CopyTo(row[done..]);
                }

                for (; done < row.Length; done++)
                {
                    row[done] += previous[done];
                }

                return;
            case Average:
                done = !vectors ? 0
                    : Sse2.IsSupported ? AverageSse2(row, previous, bytesPerPixel)
                    : AdvSimd.IsSupported ? AverageAdvSimd(row, previous, bytesPerPixel)
                    : 0;
                for (var i = done; i < row.Length; i++)
                {
                    var left = i >= bytesPerPixel ? row[i - bytesPerPixel] : 0;
                    row[i] += (byte)((left + previous[i]) >> 1);
                }

                return;
            case Paeth:
                done = vectors ? PaethVector128(row, previous, bytesPerPixel) : 0;
                for (var i = done; i < row.Length; i++)
                {
                    var left = i >= bytesPerPixel ? row[i - bytesPerPixel] : 0;
                    var upLeft = i >= bytesPerPixel ? previous[i - bytesPerPixel] : 0;
                    row[i] += Predict(left, previous[i], upLeft);
                }

                return;
            default:
                throw new ImageDecodeException(DecodeFailure.Corrupt, $"PNG row filter {filter} is invalid");
        }
    }

    /// <summary>The Paeth predictor: whichever of left, up and up-left is nearest to left + up − up-left.</summary>
    private static byte Predict(int left, int up, int upLeft)
    {
        var estimate = left + up - upLeft;
        var toLeft = Math.Abs(estimate - left);
        var toUp = Math.Abs(estimate - up);
        var toUpLeft = Math.Abs(estimate - upLeft);
        return (byte)(toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft);
    }

    /// <summary>Sub for whole pixels whose 4-byte reads stay in the row; returns the bytes done.</summary>
    private static int SubVector128(Span<byte> row, int bytesPerPixel)
    {
        ref var at = ref MemoryMarshal.GetReference(row);
        var left = Vector128<byte>.Zero;
        var i = 0;
        for (; i + sizeof(uint) <= row.Length; i += bytesPerPixel)
        {
            left += Load(ref Unsafe.Add(ref at, i));
            Store(ref Unsafe.Add(ref at, i), left.AsUInt32().ToScalar(), bytesPerPixel);
        }

        return i;
    }

    /// <summary>Average for whole pixels whose 4-byte reads stay in the row; returns the bytes done.</summary>
    /// <remarks>
    /// ⌊(a + b) / 2⌋ = ~pavgb(~a, ~b) per byte (pavgb rounds up, and on complements that is rounding down). Carrying
    /// the complement of the left pixel, c = ~left, the step is c' = pavgb(c, ~up) − raw: two operations from one
    /// pixel to the next, where the direct form takes four. The pixel stored is ~c'.
    /// </remarks>
    private static int AverageSse2(Span<byte> row, ReadOnlySpan<byte> previous, int bytesPerPixel)
    {
        ref var at = ref MemoryMarshal.GetReference(row);
        ref var above = ref MemoryMarshal.GetReference(previous);
        var notLeft = Vector128<byte>.AllBitsSet;
        var i = 0;
        for (; i + sizeof(uint) <= row.Length; i += bytesPerPixel)
        {
            notLeft = Sse2.Average(notLeft, ~Load(ref Unsafe.Add(ref above, i))) - Load(ref Unsafe.Add(ref at, i));
            Store(ref Unsafe.Add(ref at, i), ~notLeft.AsUInt32().ToScalar(), bytesPerPixel);
        }

        return i;
    }

    /// <summary>
    /// <see cref="AverageSse2"/> on ARM64: AdvSimd's halving add (<c>uhadd</c>) is ⌊(a + b) / 2⌋ itself, so the step is
    /// left' = uhadd(left, up) + raw.
    /// </summary>
    private static int AverageAdvSimd(Span<byte> row, ReadOnlySpan<byte> previous, int bytesPerPixel)
    {
        ref var at = ref MemoryMarshal.GetReference(row);
        ref var above = ref MemoryMarshal.GetReference(previous);
        var left = Vector64<byte>.Zero;
        var i = 0;
        for (; i + sizeof(uint) <= row.Length; i += bytesPerPixel)
        {
            left = AdvSimd.FusedAddHalving(left, Load(ref Unsafe.Add(ref above, i)).GetLower()) + Load(ref Unsafe.Add(ref at, i)).GetLower();
            Store(ref Unsafe.Add(ref at, i), left.AsUInt32().ToScalar(), bytesPerPixel);
        }

        return i;
    }

    /// <summary>Paeth for whole pixels whose 4-byte reads stay in the row, in 16-bit lanes; returns the bytes done.</summary>
    private static int PaethVector128(Span<byte> row, ReadOnlySpan<byte> previous, int bytesPerPixel)
    {
        ref var at = ref MemoryMarshal.GetReference(row);
        ref var above = ref MemoryMarshal.GetReference(previous);
        var left = Vector128<short>.Zero;
        var upLeft = Vector128<short>.Zero;
        var i = 0;
        for (; i + sizeof(uint) <= row.Length; i += bytesPerPixel)
        {
            var up = Vector128.WidenLower(Load(ref Unsafe.Add(ref above, i))).AsInt16();
            var toLeft = Vector128.Abs(up - upLeft);
            var toUp = Vector128.Abs(left - upLeft);
            var toUpLeft = Vector128.Abs(left + up - upLeft - upLeft);
            var takeLeft = Vector128.LessThanOrEqual(toLeft, toUp) & Vector128.LessThanOrEqual(toLeft, toUpLeft);
            var takeUp = Vector128.LessThanOrEqual(toUp, toUpLeft);
            var predicted = Vector128.ConditionalSelect(takeLeft, left, Vector128.ConditionalSelect(takeUp, up, upLeft));
            var raw = Vector128.WidenLower(Load(ref Unsafe.Add(ref at, i))).AsInt16();
            left = (raw + predicted) & Vector128.Create((short)0xFF);
            upLeft = up;
            Store(ref Unsafe.Add(ref at, i), Narrow(left).AsUInt32().ToScalar(), bytesPerPixel);
        }

        return i;
    }

    /// <summary>16-bit lanes already within 0–255 to bytes: one pack on x86, the portable narrowing elsewhere.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Narrow(Vector128<short> bytes) =>
        Sse2.IsSupported ? Sse2.PackUnsignedSaturate(bytes, bytes) : Vector128.Narrow(bytes.AsUInt16(), bytes.AsUInt16());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Load(ref byte pixel) => Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<uint>(ref pixel)).AsByte();

    /// <summary>Writes the pixel's bytes only: for 3-byte pixels the fourth is the next pixel's, still filtered.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref byte pixel, uint value, int bytesPerPixel)
    {
        if (bytesPerPixel == 4)
        {
            Unsafe.WriteUnaligned(ref pixel, value);
        }
        else
        {
            Unsafe.WriteUnaligned(ref pixel, (ushort)value);
            Unsafe.Add(ref pixel, 2) = (byte)(value >> 16);
        }
    }
}
