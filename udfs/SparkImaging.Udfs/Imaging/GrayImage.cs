using System.Numerics;
using SparkImaging.Udfs.Memory;

namespace SparkImaging.Udfs.Imaging;

/// <summary>A decoded gray plane in double precision, row-major, in pooled memory: dispose it when done.</summary>
public sealed class GrayImage : IDisposable
{
    private readonly PooledBuffer<double> buffer;

    internal GrayImage(int width, int height)
    {
        Width = width;
        Height = height;
        buffer = new PooledBuffer<double>(checked(width * height));
    }

    /// <summary>Columns.</summary>
    public int Width { get; }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>The pixels, <c>Width × Height</c>, row-major.</summary>
    public Span<double> Pixels => buffer.Span;

    /// <summary>One row.</summary>
    public Span<double> Row(int y) => buffer.Span.Slice(y * Width, Width);

    /// <summary>Divides by the maximum (the seed pipeline); an all-zero image stays zero.</summary>
    public void Normalize(NormalizeMode mode)
    {
        if (mode == NormalizeMode.None)
        {
            return;
        }

        var pixels = Pixels;
        var max = Maximum(pixels);
        if (max > 0)
        {
            // Vector division rounds exactly as scalar division does.
            var i = 0;
            var divisor = new Vector<double>(max);
            for (; i + Vector<double>.Count <= pixels.Length; i += Vector<double>.Count)
            {
                (new Vector<double>(pixels[i..]) / divisor).CopyTo(pixels[i..]);
            }

            for (; i < pixels.Length; i++)
            {
                pixels[i] /= max;
            }
        }
    }

    /// <summary>
    /// <c>max(0, pixels…)</c> as <see cref="Math.Max(double, double)"/> folds it: NaN if any pixel is NaN (then
    /// nothing is normalized, as before), otherwise the largest value.
    /// </summary>
    private static double Maximum(ReadOnlySpan<double> pixels)
    {
        var lanes = Vector<double>.Zero;
        var nan = Vector<long>.Zero;
        var i = 0;
        for (; i + Vector<double>.Count <= pixels.Length; i += Vector<double>.Count)
        {
            var v = new Vector<double>(pixels[i..]);
            lanes = Vector.ConditionalSelect(Vector.GreaterThan(v, lanes), v, lanes);
            nan |= ~Vector.Equals(v, v);
        }

        if (nan != Vector<long>.Zero)
        {
            return double.NaN;
        }

        var max = 0.0;
        for (var k = 0; k < Vector<double>.Count; k++)
        {
            max = Math.Max(max, lanes[k]);
        }

        for (; i < pixels.Length; i++)
        {
            max = Math.Max(max, pixels[i]);
        }

        return max;
    }

    /// <inheritdoc/>
    public void Dispose() => buffer.Dispose();
}
