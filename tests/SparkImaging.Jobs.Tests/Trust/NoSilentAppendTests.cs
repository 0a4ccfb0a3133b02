using SparkImaging.Jobs.Tests.Support;

namespace SparkImaging.Jobs.Tests.Trust;

/// <summary>
/// Issue 14 item 3: an existing dataset or model is never changed silently. Without --resume (same inputs) or --append
/// (more inputs) a dataset is refused; train reads exactly one dataset and replaces a model only with --overwrite.
/// </summary>
public sealed class NoSilentAppendTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private static string Brick => Path.Combine(SampleImages.Samples, "brick");

    private static string Grass => Path.Combine(SampleImages.Samples, "grass");

    [Fact]
    public void Featurize_of_other_inputs_into_an_existing_dataset_is_refused_and_append_adds_them()
    {
        var output = temp.Combine("out");
        Assert.Equal(0, Featurize(output, Brick).ExitCode);
        var before = DatasetRows.Read(output, "lbp_p8_r1_uniform");

        var refused = Featurize(output, Grass);

        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains("--append", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(before.Count, DatasetRows.Read(output, "lbp_p8_r1_uniform").Count);

        var appended = Featurize(output, Grass, "--append");

        Assert.True(appended.ExitCode == 0, appended.ToString());
        var after = DatasetRows.Read(output, "lbp_p8_r1_uniform");
        Assert.Equal(32, after.Count);
        Assert.Equal(32, after.Select(r => r.Path).Distinct().Count());
        Assert.True(File.Exists(Path.Combine(output, "_SUCCESS")));
    }

    [Fact]
    public void Resume_with_more_inputs_is_refused_naming_append()
    {
        var output = temp.Combine("out");
        Assert.Equal(0, Featurize(output, Brick).ExitCode);

        var refused = Featurize(output, Brick, "--resume", "--input", Grass);

        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains("--append", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(16, DatasetRows.Read(output, "lbp_p8_r1_uniform").Count);
        Assert.Equal(0, Featurize(output, Brick, "--resume").ExitCode);
    }

    [Fact]
    public void Predict_into_a_feature_dataset_is_refused_even_with_append()
    {
        var job = temp.Combine("job");
        Assert.Equal(0, ProgramRunner.Run("run", "--input", Brick, "--input", Grass, "--output", job, "--lbp", "8:1").ExitCode);
        var features = Path.Combine(job, "features");
        var parts = Directory.GetFiles(features).Order(StringComparer.Ordinal).ToArray();

        var plain = ProgramRunner.Run("predict", "--input", Path.Combine(SampleImages.Samples, "gravel"), "--model", Path.Combine(job, "model"), "--output", features);
        var appended = ProgramRunner.Run("predict", "--input", Path.Combine(SampleImages.Samples, "gravel"), "--model", Path.Combine(job, "model"), "--output", features, "--append");

        Assert.True(plain.ExitCode == 2, plain.ToString());
        Assert.True(appended.ExitCode == 2, appended.ToString());
        Assert.Contains("prediction", appended.Stderr, StringComparison.Ordinal);
        Assert.Equal(parts, Directory.GetFiles(features).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Train_refuses_a_folder_of_datasets_naming_them()
    {
        var root = temp.Combine("datasets");
        Assert.Equal(0, Featurize(Path.Combine(root, "a"), Brick).ExitCode);
        Assert.Equal(0, Featurize(Path.Combine(root, "b"), Grass).ExitCode);

        var result = ProgramRunner.Run("train", "--features", root, "--model", temp.Combine("model"));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(Path.Combine(root, "a"), result.Stderr, StringComparison.Ordinal);
        Assert.Contains("one dataset", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("model")));
    }

    [Fact]
    public void Train_refuses_an_existing_model_and_overwrite_leaves_no_stale_file()
    {
        var binary = temp.Combine("binary");
        var three = temp.Combine("three");
        Assert.Equal(0, Featurize(binary, Brick, "--input", Grass).ExitCode);
        Assert.Equal(0, Featurize(three, SampleImages.Samples).ExitCode);
        var model = temp.Combine("model");
        Assert.Equal(0, ProgramRunner.Run("train", "--features", binary, "--model", model).ExitCode);
        Assert.True(File.Exists(Path.Combine(model, "roc-curve.png")));
        var metrics = File.ReadAllText(Path.Combine(model, "metrics.json"));

        var refused = ProgramRunner.Run("train", "--features", three, "--model", model);

        Assert.True(refused.ExitCode == 2, refused.ToString());
        Assert.Contains("--overwrite", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(metrics, File.ReadAllText(Path.Combine(model, "metrics.json")));

        var replaced = ProgramRunner.Run("train", "--features", three, "--model", model, "--overwrite");

        Assert.True(replaced.ExitCode == 0, replaced.ToString());
        Assert.False(File.Exists(Path.Combine(model, "roc-curve.png")), "a three-label model has no ROC curve; the old one must go");
    }

    private static ProgramResult Featurize(string output, string input, params string[] more) =>
        ProgramRunner.Run(["featurize", "--input", input, "--output", output, "--lbp", "8:1", .. more]);
}
