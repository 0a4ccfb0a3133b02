using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SparkImaging.Udfs.Imaging;

/// <summary>Channel samples → gray, per row. Mean is <c>(R + G + B) / 3</c> in double, as numpy's mean over three integers.</summary>
internal static class GrayConversion
{
    private const double LumaRed = 0.2125;
    private const double LumaGreen = 0.7154;
    private const double LumaBlue = 0.0721;

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
        for (var x = 0; x < gray.Length; x++)
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
        ref var pixel = ref MemoryMarshal.GetReference(samples);
        ref var means = ref MemoryMarshal.GetArrayDataReference(MeanOfSum);
        for (var x = 0; x < gray.Length; x++)
        {
            ref var at = ref Unsafe.Add(ref pixel, x * stride);
            gray[x] = Unsafe.Add(ref means, at + Unsafe.Add(ref at, 1) + Unsafe.Add(ref at, 2));
        }
    }

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
