using BenchmarkDotNet.Attributes;
using SparkImaging.Udfs.Imaging;

namespace SparkImaging.Benchmarks;

/// <summary>Encoded 512×512 RGB → gray plane (the decoder alone, bytes already in memory, as cv2.imdecode).</summary>
[MemoryDiagnoser]
public class DecodeBenchmarks
{
    private readonly byte[] png = BenchImages.Png;
    private readonly byte[] jpeg = BenchImages.Jpeg;

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
}
