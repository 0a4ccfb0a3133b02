using BenchmarkDotNet.Attributes;
using SparkImaging.Udfs.Features;

namespace SparkImaging.Benchmarks;

/// <summary>One whole image through the per-image function: decode, gray, normalize, LBP 24:3 uniform, histogram.</summary>
[MemoryDiagnoser]
public class FeaturizeBenchmarks
{
    private readonly ImageFeaturizer featurizer = new(FeatureSpec.Default);
    private readonly byte[] png = BenchImages.Png;
    private readonly byte[] jpeg = BenchImages.Jpeg;

    [Benchmark(Baseline = true)]
    public ImageFeatures Png() => featurizer.Featurize(png);

    [Benchmark]
    public ImageFeatures Jpeg() => featurizer.Featurize(jpeg);
}
