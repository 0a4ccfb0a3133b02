using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using SkiaSharp;
using SparkImaging.Udfs.Imaging;

namespace SparkImaging.Benchmarks;

/// <summary>Encoded 512×512 RGB → gray plane (the decoder alone, bytes already in memory, as cv2.imdecode).</summary>
[MemoryDiagnoser]
public class DecodeBenchmarks
{
    private readonly byte[] png = BenchImages.Png;
    private readonly byte[] jpeg = BenchImages.Jpeg;
    private readonly byte[] rgba = GC.AllocateArray<byte>(BenchImages.Side * BenchImages.Side * 4, pinned: true);

    [Benchmark(Baseline = true)]
    public int Png()
    {
        using var gray = ImageDecoder.DecodeGray(png, GrayMode.Mean, long.MaxValue);
        return gray.Width;
    }

    [Benchmark]
    public int Jpeg()
    {
        using var gray = ImageDecoder.DecodeGray(jpeg, GrayMode.Mean, long.MaxValue);
        return gray.Width;
    }

    /// <summary>
    /// SkiaSharp's JPEG decode to RGBA alone, into a buffer kept between calls: the part of <see cref="Jpeg"/> that is
    /// libjpeg-turbo inside SkiaSharp's native library, which our code cannot speed up (the rest is the gray mean).
    /// </summary>
    [Benchmark]
    public int JpegSkiaRgbaOnly()
    {
        using var codec = SKCodec.Create(new SKMemoryStream(jpeg));
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        return (int)codec.GetPixels(info, Marshal.UnsafeAddrOfPinnedArrayElement(rgba, 0));
    }
}
