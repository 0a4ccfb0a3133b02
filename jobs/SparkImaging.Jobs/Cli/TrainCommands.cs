using System.CommandLine;
using SparkImaging.Jobs.Training;

namespace SparkImaging.Jobs.Cli;

/// <summary>The <c>train</c> and <c>evaluate</c> commands (System.CommandLine 2.0.0).</summary>
internal static class TrainCommands
{
    /// <summary><c>train --features DIR --model DIR</c>.</summary>
    public static Command CreateTrain()
    {
        var features = FeaturesOption();
        var model = ModelOption("Model directory to write: model.zip, feature-spec.json, metrics.json, split.csv, plots.");
        var seed = new Option<int>("--seed") { Description = "Seed of the split, folds, PCA and ML.NET.", DefaultValueFactory = _ => 42 };
        var testFraction = new Option<double>("--test-fraction") { Description = "Stratified hold-out fraction, in (0, 1).", DefaultValueFactory = _ => 0.2 };
        var folds = new Option<int?>("--folds") { Description = "Also run K-fold cross-validation (K >= 2) and report per-fold and mean ± sd metrics." };
        var classWeight = new Option<string>("--class-weight") { Description = "none, or balanced (weights n / (k * n_class)).", DefaultValueFactory = _ => "none" };
        classWeight.AcceptOnlyFromAmong("none", "balanced");
        var group = new Option<string?>("--group-column") { Description = "Dataset column whose rows always stay on one side of every split." };
        var pca = new Option<int?>("--pca") { Description = "Project standardized features onto K principal components." };
        var c = new Option<double>("--c") { Description = "Inverse L2 strength, as scikit-learn's C (ML.NET L2 = 1/C).", DefaultValueFactory = _ => 1.0 };
        var l2 = new Option<double?>("--l2") { Description = "ML.NET L2Regularization; overrides --c." };
        var l1 = new Option<double>("--l1") { Description = "ML.NET L1Regularization (default 0, as scikit-learn).", DefaultValueFactory = _ => 0.0 };
        var export = new Option<bool>("--export-features") { Description = "Also write features.csv (exact features in split.csv's order), e.g. for scripts/compare_sklearn.py." };

        var command = new Command("train", "Feature dataset → logistic-regression model and metrics.")
        {
            features, model, seed, testFraction, folds, classWeight, group, pca, c, l2, l1, export,
        };
        command.SetAction((result, ct) => TrainingPipeline.RunAsync(
            new TrainOptions
            {
                FeaturesDirectory = result.GetValue(features)!,
                ModelDirectory = result.GetValue(model)!,
                Seed = result.GetValue(seed),
                TestFraction = result.GetValue(testFraction),
                Folds = result.GetValue(folds),
                ClassWeight = result.GetValue(classWeight) == "balanced" ? ClassWeighting.Balanced : ClassWeighting.None,
                GroupColumn = result.GetValue(group),
                Pca = result.GetValue(pca),
                C = result.GetValue(c),
                L2 = result.GetValue(l2),
                L1 = result.GetValue(l1),
                ExportFeatures = result.GetValue(export),
            },
            ct));
        return command;
    }

    /// <summary><c>evaluate --features DIR --model DIR [--output FILE]</c>.</summary>
    public static Command CreateEvaluate()
    {
        var features = FeaturesOption();
        var model = ModelOption("Model directory written by train.");
        var output = new Option<string?>("--output") { Description = $"Metrics JSON to write (default: MODEL/{EvaluationPipeline.DefaultOutputFileName})." };
        var command = new Command("evaluate", "Score a feature dataset with a saved model; write and print metrics.") { features, model, output };
        command.SetAction((result, ct) => EvaluationPipeline.RunAsync(
            new EvaluateOptions
            {
                FeaturesDirectory = result.GetValue(features)!,
                ModelDirectory = result.GetValue(model)!,
                Output = result.GetValue(output),
            },
            ct));
        return command;
    }

    private static Option<string> FeaturesOption() =>
        new("--features") { Description = "Feature dataset directory (output of featurize).", Required = true };

    private static Option<string> ModelOption(string description) =>
        new("--model") { Description = description, Required = true };
}
