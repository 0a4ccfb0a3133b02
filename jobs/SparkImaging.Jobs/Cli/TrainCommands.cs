using System.CommandLine;
using SparkImaging.Pipeline;
using SparkImaging.Pipeline.Options;
using SparkImaging.Pipeline.Training;

namespace SparkImaging.Jobs.Cli;

/// <summary>The <c>train</c> and <c>evaluate</c> commands (System.CommandLine 2.0.0).</summary>
internal static class TrainCommands
{
    /// <summary><c>train --features DIR --model DIR</c>.</summary>
    public static Command CreateTrain()
    {
        var features = FeaturesOption();
        var model = ModelOption("Model directory to write: model.zip, feature-spec.json, metrics.json, split.csv, plots.");
        var training = new TrainingOptionSet();
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace a model already in --model (its files are removed first)." };
        var command = new Command("train", "Feature dataset → logistic-regression model and metrics.") { features, model, overwrite };
        training.AddTo(command);
        command.SetAction((result, ct) => CommandRunner.RunAsync(async () =>
        {
            await TrainingPipeline.RunAsync(training.Build(result, result.GetValue(features)!, result.GetValue(model)!, result.GetValue(overwrite)), Console.Out, Console.Error, ct);
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary><c>evaluate --features DIR --model DIR [--output FILE]</c>.</summary>
    public static Command CreateEvaluate()
    {
        var features = FeaturesOption();
        var model = ModelOption("Model directory written by train.");
        var output = new Option<string?>("--output") { Description = $"Metrics JSON to write (default: MODEL/{EvaluationPipeline.DefaultOutputFileName})." };
        var command = new Command("evaluate", "Score a feature dataset with a saved model; write and print metrics.") { features, model, output };
        command.SetAction((result, ct) => CommandRunner.RunAsync(async () =>
        {
            var options = new EvaluateOptions
            {
                FeaturesDirectory = result.GetValue(features)!,
                ModelDirectory = result.GetValue(model)!,
                Output = result.GetValue(output),
            };
            await EvaluationPipeline.RunAsync(options, Console.Out, ct);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Option<string> FeaturesOption() =>
        new("--features") { Description = "Feature dataset directory (output of featurize).", Required = true };

    private static Option<string> ModelOption(string description) =>
        new("--model") { Description = description, Required = true };
}
