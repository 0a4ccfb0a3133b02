using System.Text.Json.Nodes;
using SparkImaging.Jobs.Tests.Support;

namespace SparkImaging.Jobs.Tests.Trust;

/// <summary>Issue 14 item 1: the split, model and metrics depend on the seed and the rows, never on part-file order or workers.</summary>
public sealed class ReproducibleSplitTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Train_gives_the_same_split_and_metrics_whatever_the_part_file_order()
    {
        var features = temp.Combine("features");
        var featurize = ProgramRunner.Run("featurize", "--input", SampleImages.Samples, "--output", features, "--lbp", "8:1", "--workers", "1", "--rows-per-file", "5");
        Assert.True(featurize.ExitCode == 0, featurize.ToString());

        // The same rows in part files named in the opposite order: what another worker timing would have produced.
        var reordered = temp.Combine("reordered");
        Directory.CreateDirectory(reordered);
        var parts = Directory.GetFiles(features, "part-*.parquet").Order(StringComparer.Ordinal).ToArray();
        Assert.True(parts.Length > 2);
        for (var i = 0; i < parts.Length; i++)
        {
            File.Copy(parts[i], Path.Combine(reordered, $"part-{parts.Length - 1 - i:D5}-s0of1-reordered.parquet"));
        }

        File.Copy(Path.Combine(features, "_SUCCESS"), Path.Combine(reordered, "_SUCCESS"));

        var first = TrainModel(features, "m1");
        var second = TrainModel(reordered, "m2");

        Assert.Equal(File.ReadAllText(Path.Combine(first, "split.csv")), File.ReadAllText(Path.Combine(second, "split.csv")));
        Assert.Equal(ComparableMetrics(first), ComparableMetrics(second));
    }

    [Fact]
    public void Run_twice_with_other_workers_gives_identical_metrics_and_split()
    {
        var one = temp.Combine("one");
        var two = temp.Combine("two");
        var first = ProgramRunner.Run("run", "--input", SampleImages.Samples, "--output", one, "--lbp", "8:1", "--seed", "1", "--workers", "1", "--folds", "3");
        var second = ProgramRunner.Run("run", "--input", SampleImages.Samples, "--output", two, "--lbp", "8:1", "--seed", "1", "--workers", "3", "--rows-per-file", "7", "--folds", "3");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());

        Assert.Equal(File.ReadAllText(Path.Combine(one, "model", "split.csv")), File.ReadAllText(Path.Combine(two, "model", "split.csv")));
        Assert.Equal(ComparableMetrics(Path.Combine(one, "model")), ComparableMetrics(Path.Combine(two, "model")));
    }

    private string TrainModel(string features, string name)
    {
        var model = temp.Combine(name);
        var result = ProgramRunner.Run("train", "--features", features, "--model", model, "--seed", "1", "--folds", "3");
        Assert.True(result.ExitCode == 0, result.ToString());
        return model;
    }

    /// <summary>metrics.json without the field that names the dataset directory (the runs read different ones).</summary>
    private static string ComparableMetrics(string modelDirectory)
    {
        var metrics = JsonNode.Parse(File.ReadAllText(Path.Combine(modelDirectory, "metrics.json")))!.AsObject();
        Assert.True(metrics.Remove("features_directory"));
        return metrics.ToJsonString();
    }
}
