using SparkImaging.Pipeline.Engine;
using SparkImaging.Jobs.Tests.Support;
using SparkImaging.Udfs.Features;

namespace SparkImaging.Jobs.Tests.Featurize;

/// <summary>
/// The producer's guided batch sizes: full batches while many inputs remain, smaller ones towards the end so the
/// workers finish together; every input still lands in exactly one row.
/// </summary>
public sealed class BatchingTests : IDisposable
{
    private const int MaxBatch = 16;
    private const int Inputs = 71;

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Batches_are_full_while_many_inputs_remain_and_shrink_to_one_at_the_end()
    {
        var sizes = Sequence(remaining: 200, workers: 2);

        Assert.Equal(200, sizes.Sum());
        Assert.All(sizes.Take(8), size => Assert.Equal(MaxBatch, size));
        Assert.Equal(1, sizes[^1]);
        for (var k = 1; k < sizes.Count; k++)
        {
            Assert.True(sizes[k] <= sizes[k - 1], $"batch {k} ({sizes[k]}) is larger than the one before ({sizes[k - 1]})");
        }

        // The last batches together are at most about one full batch a worker: the tail two workers share.
        Assert.True(sizes.SkipWhile(size => size == MaxBatch).Sum() <= 2 * 2 * MaxBatch);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Batch_sizes_stay_between_one_and_the_maximum(int workers)
    {
        foreach (var remaining in new long[] { -5, 0, 1, 2, 7, 31, 32, 33, 1_000_000 })
        {
            var size = LocalEngine.GuidedBatchSize(remaining, workers, MaxBatch);
            Assert.InRange(size, 1, MaxBatch);
        }
    }

    [Fact]
    public async Task Two_workers_with_guided_batches_write_the_same_rows_as_one_worker()
    {
        var input = temp.Combine("in");
        for (var i = 0; i < Inputs; i++)
        {
            SampleImages.Write(Path.Combine(input, i % 2 == 0 ? "even" : "odd", $"img{i:D3}.png"), seed: i, size: 24);
        }

        var one = await FeaturizeAsync(input, temp.Combine("one"), workers: 1);
        var two = await FeaturizeAsync(input, temp.Combine("two"), workers: 2);

        Assert.Equal(Inputs, one.Count);
        Assert.Equal(Inputs, two.Count);
        Assert.Equal(Inputs, two.Select(r => r.Path).Distinct(StringComparer.Ordinal).Count());
        Assert.All(one, row => Assert.True(row.SameAs(two.Single(r => r.Path == row.Path)), $"rows of {row.Path} differ"));
    }

    private static List<int> Sequence(long remaining, int workers)
    {
        var sizes = new List<int>();
        while (remaining > 0)
        {
            var size = (int)Math.Min(LocalEngine.GuidedBatchSize(remaining, workers, MaxBatch), remaining);
            sizes.Add(size);
            remaining -= size;
        }

        return sizes;
    }

    private static async Task<List<DatasetRow>> FeaturizeAsync(string input, string output, int workers)
    {
        var options = new FeaturizeOptions { Inputs = [input], Output = output, Workers = workers, BatchSize = MaxBatch };
        var summary = await new LocalEngine(options, LocalEngine.FeatureRows(FeatureSpec.Default), TextWriter.Null).RunAsync(CancellationToken.None);
        Assert.Equal(Inputs, summary.Processed);
        Assert.True(summary.Complete);
        return DatasetRows.Read(output);
    }
}
