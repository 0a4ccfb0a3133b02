using System.Text.Json;
using SparkImaging.Jobs.Cli;
using SparkImaging.Pipeline;
using SparkImaging.Pipeline.Dataset;
using SparkImaging.Pipeline.Training;
using SparkImaging.Udfs.Features;

namespace SparkImaging.Jobs.Tests.Training;

public sealed class TrainingPipelineTests
{
    private static readonly FeatureSpec Spec = FeatureSpec.Parse(["8:1:uniform", "8:2:uniform"], "mean", "max", FeatureSpec.DefaultMaxPixels);

    private static readonly string[] MetricsFields =
    [
        "accuracy", "macro_f1", "log_loss", "auc", "labels", "confusion_matrix", "per_class", "n_train", "n_test",
        "n_excluded_errors", "parameters", "seed", "program_version",
    ];

    [Fact]
    public async Task Binary_textures_train_well_above_chance_and_metrics_json_has_every_field()
    {
        using var temp = new TempDirectory();
        TextureDataset.Write(temp.Sub("features"), Spec, kinds: 2, perKind: 40, errorRows: 3);

        await TrainingPipeline.RunAsync(new TrainOptions { FeaturesDirectory = temp.Sub("features"), ModelDirectory = temp.Sub("model") }, TextWriter.Null, TextWriter.Null, default);

        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp.Sub("model"), "metrics.json")));
        var root = metrics.RootElement;
        foreach (var field in MetricsFields)
        {
            Assert.True(root.TryGetProperty(field, out _), $"metrics.json lacks '{field}'");
        }

        Assert.True(root.GetProperty("accuracy").GetDouble() >= 0.9, $"accuracy {root.GetProperty("accuracy")}");
        Assert.True(root.GetProperty("auc").GetDouble() >= 0.9);
        Assert.Equal(3, root.GetProperty("n_excluded_errors").GetInt32());
        Assert.Equal(16, root.GetProperty("n_test").GetInt32());
        Assert.Equal(64, root.GetProperty("n_train").GetInt32());
        Assert.Equal(["noise", "stripes"], root.GetProperty("labels").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(16, root.GetProperty("confusion_matrix").EnumerateArray().SelectMany(r => r.EnumerateArray()).Sum(c => c.GetInt32()));
        Assert.Equal(1.0, root.GetProperty("parameters").GetProperty("l2_regularization").GetDouble());
        Assert.Equal(0.0, root.GetProperty("parameters").GetProperty("l1_regularization").GetDouble());
        Assert.Equal("LbfgsLogisticRegression", root.GetProperty("parameters").GetProperty("trainer").GetString());
        foreach (var file in new[] { "model.zip", "feature-spec.json", "model.json", "split.csv", "confusion-matrix.png", "roc-curve.png" })
        {
            Assert.True(File.Exists(Path.Combine(temp.Sub("model"), file)), file);
        }

        Assert.Equal(Spec, FeatureSpec.FromJson(File.ReadAllText(Path.Combine(temp.Sub("model"), "feature-spec.json"))));
    }

    [Fact]
    public async Task Three_textures_use_maximum_entropy_with_cross_validation_and_balanced_weights()
    {
        using var temp = new TempDirectory();
        TextureDataset.Write(temp.Sub("features"), Spec, kinds: 3, perKind: 30);

        var report = await TrainingPipeline.RunAsync(
            new TrainOptions { FeaturesDirectory = temp.Sub("features"), ModelDirectory = temp.Sub("model"), Folds = 3, ClassWeight = ClassWeighting.Balanced, Pca = 6 },
            TextWriter.Null,
            TextWriter.Null,
            default);

        Assert.True(report.Accuracy >= 0.8, $"accuracy {report.Accuracy}");
        Assert.Null(report.Auc);
        Assert.Equal("LbfgsMaximumEntropy", report.Parameters["trainer"]);
        Assert.Equal(3, report.CrossValidation!.PerFold.Count);
        Assert.Equal(90, report.CrossValidation.PerFold.Sum(m => m.Count));
        Assert.True(report.CrossValidation.Mean["accuracy"] >= 0.8);
        Assert.False(File.Exists(Path.Combine(temp.Sub("model"), "roc-curve.png")));
    }

    [Fact]
    public async Task A_saved_model_reloads_and_predicts_identically()
    {
        using var temp = new TempDirectory();
        TextureDataset.Write(temp.Sub("features"), Spec, kinds: 3, perKind: 20);
        var table = await FeatureTableReader.ReadAsync(temp.Sub("features"));
        var data = TrainingData.From(table);
        var trained = ModelTrainer.Fit(data.Features, data.Classes, data.Labels, table.Spec, new TrainOptions { FeaturesDirectory = "", ModelDirectory = "" });

        trained.Save(temp.Sub("model"));
        var loaded = ModelBundle.Load(temp.Sub("model"));

        Assert.Equal(trained.Labels, loaded.Labels);
        Assert.Equal(table.Spec, loaded.FeatureSpec);
        var batch = trained.PredictProbabilities(data.Features);
        for (var i = 0; i < data.Features.Count; i++)
        {
            var before = trained.Predict(data.Features[i]);
            var after = loaded.Predict(data.Features[i]);
            Assert.Equal(before.Label, after.Label);
            Assert.Equal(before.Probabilities, after.Probabilities);
            Assert.Equal(batch[i], after.Probabilities);
        }
    }

    [Fact]
    public async Task Group_column_keeps_every_group_on_one_side_of_the_hold_out_and_of_every_fold()
    {
        using var temp = new TempDirectory();
        TextureDataset.Write(temp.Sub("features"), Spec, kinds: 2, perKind: 40, rowsPerGroup: 5);

        await TrainingPipeline.RunAsync(
            new TrainOptions { FeaturesDirectory = temp.Sub("features"), ModelDirectory = temp.Sub("model"), GroupColumn = TextureDataset.GroupColumn, Folds = 4 },
            TextWriter.Null,
            TextWriter.Null,
            default);

        var split = File.ReadAllLines(Path.Combine(temp.Sub("model"), "split.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(80, split.Count);
        foreach (var group in split.GroupBy(s => s[2]))
        {
            Assert.Single(group.Select(s => s[3]).Distinct());
            Assert.Single(group.Select(s => s[4]).Distinct());
        }

        Assert.Contains(split, s => s[3] == "test");
        Assert.Equal(4, split.Select(s => s[4]).Distinct().Count());
    }

    [Fact]
    public async Task Evaluate_scores_a_matching_dataset_and_refuses_a_model_of_other_features()
    {
        using var temp = new TempDirectory();
        TextureDataset.Write(temp.Sub("features"), Spec, kinds: 2, perKind: 20);
        TextureDataset.Write(temp.Sub("other"), FeatureSpec.Parse(["16:2:uniform"], "mean", "max", FeatureSpec.DefaultMaxPixels), kinds: 2, perKind: 10);
        await TrainingPipeline.RunAsync(new TrainOptions { FeaturesDirectory = temp.Sub("features"), ModelDirectory = temp.Sub("model") }, TextWriter.Null, TextWriter.Null, default);

        await EvaluationPipeline.RunAsync(new EvaluateOptions { FeaturesDirectory = temp.Sub("features"), ModelDirectory = temp.Sub("model") }, TextWriter.Null, default);
        var refused = await Assert.ThrowsAsync<TrainingException>(() => EvaluationPipeline.RunAsync(
            new EvaluateOptions { FeaturesDirectory = temp.Sub("other"), ModelDirectory = temp.Sub("model"), Output = temp.Sub("refused.json") }, TextWriter.Null, default));

        using var evaluation = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp.Sub("model"), "evaluation.json")));
        Assert.True(evaluation.RootElement.GetProperty("metrics").GetProperty("accuracy").GetDouble() >= 0.9);
        Assert.Equal(PipelineErrorKind.InvalidRequest, refused.Kind);
        Assert.False(File.Exists(temp.Sub("refused.json")));
    }

    [Fact]
    public async Task Train_command_parses_options_and_returns_usage_errors_as_exit_code_2()
    {
        using var temp = new TempDirectory();
        TextureDataset.Write(temp.Sub("features"), Spec, kinds: 2, perKind: 20);
        var command = TrainCommands.CreateTrain();

        var ok = await command.Parse(["--features", temp.Sub("features"), "--model", temp.Sub("model"), "--seed", "7", "--c", "0.5", "--export-features"]).InvokeAsync();
        var badFraction = await command.Parse(["--features", temp.Sub("features"), "--model", temp.Sub("m2"), "--test-fraction", "1.5"]).InvokeAsync();
        var missing = await command.Parse(["--features", temp.Sub("nowhere"), "--model", temp.Sub("m3")]).InvokeAsync();

        Assert.Equal(0, ok);
        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp.Sub("model"), "metrics.json")));
        Assert.Equal(7, metrics.RootElement.GetProperty("seed").GetInt32());
        Assert.Equal(2.0, metrics.RootElement.GetProperty("parameters").GetProperty("l2_regularization").GetDouble());
        Assert.True(File.Exists(Path.Combine(temp.Sub("model"), "features.csv")));
        Assert.Equal(2, badFraction);
        Assert.Equal(2, missing);
    }
}
