using System.Text.Json;
using SparkImaging.Jobs.Tests.Support;

namespace SparkImaging.Jobs.Tests.Trust;

/// <summary>Issue 14 item 5: folds no larger than the smallest class; macro-F1 over the classes present, as scikit-learn.</summary>
public sealed class CrossValidationHonestyTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Folds_larger_than_the_smallest_class_exit_2_with_the_class_sizes()
    {
        var features = temp.Combine("features");
        var featurize = ProgramRunner.Run(
            "featurize", "--input", Path.Combine(SampleImages.Samples, "brick"), "--input", Path.Combine(SampleImages.Samples, "grass", "grass_0[01].*"), "--output", features, "--lbp", "8:1");
        Assert.True(featurize.ExitCode == 0, featurize.ToString());

        var result = ProgramRunner.Run("train", "--features", features, "--model", temp.Combine("model"), "--folds", "3", "--test-fraction", "0.5");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("brick: 16", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("grass: 2", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Macro_f1_averages_over_the_classes_in_truth_or_predictions()
    {
        var job = temp.Combine("job");
        var run = ProgramRunner.Run("run", "--input", SampleImages.Samples, "--output", job, "--lbp", "8:1", "--folds", "4");
        Assert.True(run.ExitCode == 0, run.ToString());

        // Scored on one class only: scikit-learn's f1_score(average="macro") ignores the classes neither true nor predicted.
        var brick = temp.Combine("brick");
        Assert.Equal(0, ProgramRunner.Run("featurize", "--input", Path.Combine(SampleImages.Samples, "brick"), "--output", brick, "--lbp", "8:1").ExitCode);
        var evaluation = temp.Combine("evaluation.json");
        var evaluate = ProgramRunner.Run("evaluate", "--features", brick, "--model", Path.Combine(job, "model"), "--output", evaluation);
        Assert.True(evaluate.ExitCode == 0, evaluate.ToString());

        using var scored = JsonDocument.Parse(File.ReadAllText(evaluation));
        var metrics = scored.RootElement.GetProperty("metrics");
        Assert.Equal(SklearnMacroF1(metrics.GetProperty("confusion_matrix")), metrics.GetProperty("macro_f1").GetDouble(), 12);

        using var trained = JsonDocument.Parse(File.ReadAllText(Path.Combine(job, "model", "metrics.json")));
        foreach (var fold in trained.RootElement.GetProperty("cross_validation").GetProperty("per_fold").EnumerateArray())
        {
            Assert.Equal(SklearnMacroF1(fold.GetProperty("confusion_matrix")), fold.GetProperty("macro_f1").GetDouble(), 12);
        }
    }

    /// <summary>scikit-learn's macro F1 from a confusion matrix: the mean F1 of the classes with a true or predicted row.</summary>
    private static double SklearnMacroF1(JsonElement confusion)
    {
        var m = confusion.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToArray();
        var f1s = new List<double>();
        for (var c = 0; c < m.Length; c++)
        {
            var support = m[c].Sum();
            var predicted = m.Sum(r => r[c]);
            if (support + predicted == 0)
            {
                continue;
            }

            f1s.Add(2.0 * m[c][c] / (support + predicted));
        }

        return f1s.Average();
    }
}
