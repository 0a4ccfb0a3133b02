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
        var max = 0.0;
        foreach (var v in pixels)
        {
            max = Math.Max(max, v);
        }

        if (max > 0)
        {
            for (var i = 0; i < pixels.Length; i++)
            {
                pixels[i] /= max;
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose() => buffer.Dispose();
}
