using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SparkImaging.Udfs.Imaging;

/// <summary>
/// Channel samples → gray, per row. Mean is <c>(R + G + B) / 3</c> in double, as numpy's mean over three integers; for
/// 8-bit RGB and RGBA it runs in vectors of 8 (Vector256) or 4 (Vector128, ARM64 AdvSimd) pixels, and 8-bit gray in
/// vectors of 4, with the same result.
/// </summary>
internal static class GrayConversion
{
    private const double LumaRed = 0.2125;
    private const double LumaGreen = 0.7154;
    private const double LumaBlue = 0.0721;

    private const double TwoToThe52 = 4503599627370496.0;
    private const ulong TwoToThe52Bits = 0x4330_0000_0000_0000;

    /// <summary>
    /// <c>sum / 3.0</c> for every sum of three 8-bit samples: the same correctly rounded division, done once per sum
    /// instead of once per pixel (a division costs several cycles; the lookup one load).
    /// </summary>
    private static readonly double[] MeanOfSum = MeansOfSums();

    /// <summary>8-bit RGBA (alpha ignored).</summary>
    public static void FromRgba8(ReadOnlySpan<byte> rgba, Span<double> gray, GrayMode mode) => FromColor8(rgba, 4, gray, mode);

    /// <summary>8-bit samples with 1, 3 or 4 interleaved channels (gray, RGB, RGBA; alpha ignored).</summary>
    public static void FromSamples8(ReadOnlySpan<byte> samples, int channels, Span<double> gray, GrayMode mode)
    {
        switch (channels)
        {
            case 1:
                FromGray8(samples, gray);
                return;
            case 3 or 4:
                FromColor8(samples, channels, gray, mode);
                return;
            default:
                throw new ArgumentOutOfRangeException(nameof(channels), channels, "8-bit samples come in 1, 3 or 4 channels here.");
        }
    }

    /// <summary>8-bit gray.</summary>
    public static void FromGray8(ReadOnlySpan<byte> source, Span<double> gray)
    {
        if (source.Length < gray.Length)
        {
            throw new ArgumentException($"{source.Length} bytes hold fewer than {gray.Length} pixels.", nameof(source));
        }

        var x = Vector128.IsHardwareAccelerated ? Gray8Vector128(source, gray) : 0;
        for (; x < gray.Length; x++)
        {
            gray[x] = source[x];
        }
    }

    /// <summary>16-bit samples with 1–4 interleaved channels (gray, gray+alpha, RGB, RGBA).</summary>
    public static void FromSamples16(ReadOnlySpan<ushort> samples, int channels, Span<double> gray, GrayMode mode)
    {
        for (int x = 0, i = 0; x < gray.Length; x++, i += channels)
        {
            gray[x] = channels < 3 ? samples[i] : Combine(samples[i], samples[i + 1], samples[i + 2], mode);
        }
    }

    /// <summary>RGB or RGBA: <paramref name="stride"/> bytes a pixel, red, green and blue first.</summary>
    private static void FromColor8(ReadOnlySpan<byte> samples, int stride, Span<double> gray, GrayMode mode)
    {
        if (samples.Length < ((gray.Length - 1) * stride) + 3 && gray.Length > 0)
        {
            throw new ArgumentException($"{samples.Length} bytes hold fewer than {gray.Length} pixels of {stride} bytes.", nameof(samples));
        }

        if (mode != GrayMode.Mean)
        {
            for (int x = 0, i = 0; x < gray.Length; x++, i += stride)
            {
                gray[x] = Combine(samples[i], samples[i + 1], samples[i + 2], mode);
            }

            return;
        }

        // Checked above: every read stays within samples, every sum (at most 765) within the table.
        var done = Vector256.IsHardwareAccelerated ? MeanVector256(samples, stride, gray)
            : Vector128.IsHardwareAccelerated ? MeanVector128(samples, stride, gray)
            : 0;
        MeanScalar(samples, stride, gray, done);
    }

    /// <summary>The mean of pixels <paramref name="start"/> onwards, one table lookup each.</summary>
    private static void MeanScalar(ReadOnlySpan<byte> samples, int stride, Span<double> gray, int start)
    {
        ref var pixel = ref MemoryMarshal.GetReference(samples);
        ref var means = ref MemoryMarshal.GetArrayDataReference(MeanOfSum);
        for (var x = start; x < gray.Length; x++)
        {
            ref var at = ref Unsafe.Add(ref pixel, x * stride);
            gray[x] = Unsafe.Add(ref means, at + Unsafe.Add(ref at, 1) + Unsafe.Add(ref at, 2));
        }
    }

    /// <summary>
    /// The mean of 8 pixels a step while their 32 bytes (RGBA) or two 16-byte reads (RGB) stay within the samples;
    /// returns the pixels done. The sums are integers below 2⁵², so <see cref="ToDouble"/> is exact, and the vector
    /// division rounds each lane as the scalar division that filled <see cref="MeanOfSum"/> did.
    /// </summary>
    private static int MeanVector256(ReadOnlySpan<byte> samples, int stride, Span<double> gray)
    {
        ref var source = ref MemoryMarshal.GetReference(samples);
        ref var target = ref MemoryMarshal.GetReference(gray);
        var three = Vector256.Create(3.0);
        var x = 0;
        for (; x + 8 <= gray.Length && ((x + 8) * stride) + (stride == 3 ? 4 : 0) <= samples.Length; x += 8)
        {
            var pixels = stride == 4
                ? Vector256.LoadUnsafe(ref source, (nuint)(x * 4)).AsUInt32()
                : Vector256.Create(RgbToRgbx(ref Unsafe.Add(ref source, x * 3)), RgbToRgbx(ref Unsafe.Add(ref source, (x * 3) + 12)));
            var (low, high) = Vector256.Widen(SumOfChannels(pixels));
            (ToDouble(low) / three).StoreUnsafe(ref target, (nuint)x);
            (ToDouble(high) / three).StoreUnsafe(ref target, (nuint)(x + 4));
        }

        return x;
    }

    /// <summary><see cref="MeanVector256"/> for 4 pixels a step (128-bit registers: ARM64, or x86 without AVX2).</summary>
    private static int MeanVector128(ReadOnlySpan<byte> samples, int stride, Span<double> gray)
    {
        ref var source = ref MemoryMarshal.GetReference(samples);
        ref var target = ref MemoryMarshal.GetReference(gray);
        var three = Vector128.Create(3.0);
        var x = 0;
        for (; x + 4 <= gray.Length && ((x + 4) * stride) + (stride == 3 ? 4 : 0) <= samples.Length; x += 4)
        {
            var pixels = stride == 4 ? Vector128.LoadUnsafe(ref source, (nuint)(x * 4)).AsUInt32() : RgbToRgbx(ref Unsafe.Add(ref source, x * 3));
            var (low, high) = Vector128.Widen(SumOfChannels(pixels));
            (ToDouble(low) / three).StoreUnsafe(ref target, (nuint)x);
            (ToDouble(high) / three).StoreUnsafe(ref target, (nuint)(x + 2));
        }

        return x;
    }

    /// <summary>
    /// 4 gray pixels a step, widened to 64-bit lanes and made doubles exactly; returns the pixels done. One width serves
    /// all hardware: the work is widening and storing, which 256-bit registers do not shorten.
    /// </summary>
    private static int Gray8Vector128(ReadOnlySpan<byte> source, Span<double> gray)
    {
        ref var from = ref MemoryMarshal.GetReference(source);
        ref var target = ref MemoryMarshal.GetReference(gray);
        var x = 0;
        for (; x + 4 <= gray.Length; x += 4)
        {
            var bytes = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref from, x))).AsByte();
            var (low, high) = Vector128.Widen(Vector128.WidenLower(Vector128.WidenLower(bytes)));
            ToDouble(low).StoreUnsafe(ref target, (nuint)x);
            ToDouble(high).StoreUnsafe(ref target, (nuint)(x + 2));
        }

        return x;
    }

    /// <summary>Reads 16 bytes and spreads the first 4 RGB pixels to one 32-bit lane each (red in the low byte, top byte 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<uint> RgbToRgbx(ref byte pixels) =>
        Vector128.Shuffle(Vector128.LoadUnsafe(ref pixels), Vector128.Create((byte)0, 1, 2, 0xFF, 3, 4, 5, 0xFF, 6, 7, 8, 0xFF, 9, 10, 11, 0xFF)).AsUInt32();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> SumOfChannels(Vector256<uint> pixels)
    {
        var low = Vector256.Create(0xFFu);
        return (pixels & low) + ((pixels >> 8) & low) + ((pixels >> 16) & low);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<uint> SumOfChannels(Vector128<uint> pixels)
    {
        var low = Vector128.Create(0xFFu);
        return (pixels & low) + ((pixels >> 8) & low) + ((pixels >> 16) & low);
    }

    /// <summary>Exact for integers below 2⁵²: their bits under the exponent of 2⁵² make 2⁵² + n, and the subtraction is exact.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> ToDouble(Vector256<ulong> value) =>
        (value | Vector256.Create(TwoToThe52Bits)).AsDouble() - Vector256.Create(TwoToThe52);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> ToDouble(Vector128<ulong> value) =>
        (value | Vector128.Create(TwoToThe52Bits)).AsDouble() - Vector128.Create(TwoToThe52);

    private static double[] MeansOfSums()
    {
        var means = new double[(3 * byte.MaxValue) + 1];
        for (var sum = 0; sum < means.Length; sum++)
        {
            means[sum] = sum / 3.0;
        }

        return means;
    }

    private static double Combine(double red, double green, double blue, GrayMode mode) => mode == GrayMode.Mean
        ? (red + green + blue) / 3.0
        : (LumaRed * red) + (LumaGreen * green) + (LumaBlue * blue);
}
