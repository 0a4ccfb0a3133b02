using BenchmarkDotNet.Attributes;
using SparkImaging.Udfs.Lbp;

namespace SparkImaging.Benchmarks;

/// <summary>
/// The LBP histogram kernel on one 512×512 gray plane: the scalar path against the vector kernels — the shared-rows
/// kernel in double and the filtered kernel (the default, <c>Vector</c>).
/// </summary>
[MemoryDiagnoser]
public class KernelBenchmarks
{
    private double[] gray = [];
    private long[] counts = [];
    private LbpOperator lbp = null!;

    /// <summary>P:R, method uniform: the seed's 24:3 and the classic 8:1.</summary>
    [Params("24:3", "8:1")]
    public string Spec { get; set; } = "24:3";

    [GlobalSetup]
    public void Setup()
    {
        gray = BenchImages.Gray(0);
        lbp = LbpOperator.For(LbpSpec.Parse(Spec));
        counts = new long[lbp.Spec.BinCount];
    }

    [Benchmark(Baseline = true)]
    public long Scalar()
    {
        lbp.CountCodes(gray, BenchImages.Side, BenchImages.Side, counts, useVectors: false);
        return counts[0];
    }

    [Benchmark]
    public long SharedRows()
    {
        lbp.CountCodes(gray, BenchImages.Side, BenchImages.Side, counts, LbpKernel.SharedRows);
        return counts[0];
    }

    [Benchmark]
    public long Vector()
    {
        lbp.CountCodes(gray, BenchImages.Side, BenchImages.Side, counts, useVectors: true);
        return counts[0];
    }
}
