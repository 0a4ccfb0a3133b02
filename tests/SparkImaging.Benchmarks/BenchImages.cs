using SkiaSharp;
using SparkImaging.Udfs.Imaging;

namespace SparkImaging.Benchmarks;

/// <summary>
/// Deterministic "natural-ish" test images: smooth shading, oriented waves, blotches at several scales and a
/// little grain, quantized to 8 bits like a photo (so there are ties). No random generator: an integer hash, so
/// every run and every machine sees the same pixels.
/// </summary>
internal static class BenchImages
{
    /// <summary>Side of the square benchmark images.</summary>
    public const int Side = 512;

    /// <summary>JPEG quality of the written files: a typical camera/web setting.</summary>
    public const int JpegQuality = 90;

    private static readonly Lazy<byte[]> FirstPng = new(() => Encode(0, SKEncodedImageFormat.Png));
    private static readonly Lazy<byte[]> FirstJpeg = new(() => Encode(0, SKEncodedImageFormat.Jpeg));

    /// <summary>Image 0 as PNG, encoded once per process.</summary>
    public static byte[] Png => FirstPng.Value;

    /// <summary>Image 0 as JPEG, encoded once per process.</summary>
    public static byte[] Jpeg => FirstJpeg.Value;

    /// <summary>Interleaved RGBA (alpha 255) of image <paramref name="index"/>.</summary>
    public static byte[] Rgba(int index, int side = Side)
    {
        var rgba = new byte[side * side * 4];
        for (var y = 0; y < side; y++)
        {
            for (var x = 0; x < side; x++)
            {
                var at = ((y * side) + x) * 4;
                for (var channel = 0; channel < 3; channel++)
                {
                    rgba[at + channel] = Quantize(Value(index, channel, x, y));
                }

                rgba[at + 3] = 255;
            }
        }

        return rgba;
    }

    /// <summary>Encodes image <paramref name="index"/> as PNG or JPEG bytes.</summary>
    public static byte[] Encode(int index, SKEncodedImageFormat format, int side = Side) => Encode(Rgba(index, side), format, side);

    /// <summary>Encodes pixels from <see cref="Rgba"/> as PNG or JPEG bytes.</summary>
    public static byte[] Encode(byte[] rgba, SKEncodedImageFormat format, int side = Side)
    {
        var info = new SKImageInfo(side, side, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        System.Runtime.InteropServices.Marshal.Copy(rgba, 0, bitmap.GetPixels(), rgba.Length);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, format == SKEncodedImageFormat.Jpeg ? JpegQuality : 100);
        return data.ToArray();
    }

    /// <summary>The gray, max-normalized plane featurize computes from the PNG of image <paramref name="index"/>.</summary>
    public static double[] Gray(int index, int side = Side)
    {
        using var gray = ImageDecoder.DecodeGray(Encode(index, SKEncodedImageFormat.Png, side), GrayMode.Mean, long.MaxValue);
        gray.Normalize(NormalizeMode.Max);
        return gray.Pixels.ToArray();
    }

    private static double Value(int index, int channel, int x, int y)
    {
        var phase = (index * 0.37) + (channel * 0.9);
        var shading = 0.25 + (0.25 * x / Side) + (0.15 * y / Side);
        var waves = (0.12 * Math.Sin((x * 0.031) + (0.8 * Math.Sin(y * 0.017)) + phase))
            + (0.06 * Math.Sin(((x + (2 * y)) * 0.13) + phase) * Math.Cos(y * 0.041));
        var blotches = (0.18 * SmoothNoise(index, channel, x, y, 32)) + (0.09 * SmoothNoise(index, channel + 3, x, y, 8));
        var grain = 0.04 * (Hash(index, channel + 6, x, y) - 0.5);
        return shading + waves + blotches + grain;
    }

    private static byte Quantize(double value) => (byte)Math.Clamp(Math.Round(value * 255), 0, 255);

    // Bilinear value noise on a grid of the given cell size.
    private static double SmoothNoise(int index, int channel, int x, int y, int cell)
    {
        var gx = x / cell;
        var gy = y / cell;
        var fx = (double)(x % cell) / cell;
        var fy = (double)(y % cell) / cell;
        var top = ((1 - fx) * Hash(index, channel, gx, gy)) + (fx * Hash(index, channel, gx + 1, gy));
        var bottom = ((1 - fx) * Hash(index, channel, gx, gy + 1)) + (fx * Hash(index, channel, gx + 1, gy + 1));
        return ((1 - fy) * top) + (fy * bottom) - 0.5;
    }

    // A well-mixed integer hash mapped to [0, 1).
    private static double Hash(int index, int channel, int x, int y)
    {
        var h = ((ulong)(uint)index * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)channel * 0xC2B2AE3D27D4EB4FUL)
            ^ ((ulong)(uint)x * 0x165667B19E3779F9UL) ^ ((ulong)(uint)y * 0x27D4EB2F165667C5UL);
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53UL;
        h ^= h >> 33;
        return (h >> 11) * (1.0 / (1UL << 53));
    }
}
