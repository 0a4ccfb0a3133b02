using System.Diagnostics;
using SparkImaging.Pipeline.Training;
using SparkImaging.Udfs.Features;

namespace SparkImaging.Jobs.Tests.Training;

public sealed class SklearnComparisonTests
{
    private const string Python = "/usr/bin/python3";

    [Fact]
    public async Task Scikit_learn_on_the_same_features_and_split_agrees_within_2_points()
    {
        if (!File.Exists(Python) || Run(Python, "-c \"import sklearn\"").ExitCode != 0)
        {
            return; // The comparison needs Debian's python3-sklearn; nothing to compare against without it.
        }

        using var temp = new TempDirectory();
        TextureDataset.Write(temp.Sub("features"), FeatureSpec.Parse(["8:1:uniform", "16:2:uniform"], "mean", "max", FeatureSpec.DefaultMaxPixels), kinds: 3, perKind: 60, seed: 11);
        await TrainingPipeline.RunAsync(
            new TrainOptions { FeaturesDirectory = temp.Sub("features"), ModelDirectory = temp.Sub("model"), ExportFeatures = true }, TextWriter.Null, TextWriter.Null, default);

        var script = Path.Combine(RepositoryRoot(), "scripts", "compare_sklearn.py");
        var result = Run(Python, $"\"{script}\" \"{temp.Sub("model")}\"");

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("scikit-learn accuracy", result.Output, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Output) Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SparkImaging.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("SparkImaging.sln not found above the test binaries.");
    }
}
