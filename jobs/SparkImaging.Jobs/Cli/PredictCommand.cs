using System.CommandLine;
using SparkImaging.Pipeline;
using SparkImaging.Pipeline.Engine;
using SparkImaging.Pipeline.Options;
using SparkImaging.Pipeline.Reports;
using SparkImaging.Pipeline.Training;

namespace SparkImaging.Jobs.Cli;

/// <summary><c>sparkimaging predict</c>: images → predictions dataset, computing the model's own feature spec.</summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var features = new FeatureOptions();
        var model = new Option<string>("--model") { Description = "Model directory written by train or run.", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "Predictions dataset directory to write.", Required = true };
        var csv = new Option<string?>("--csv") { Description = "Also write the predictions as CSV: path, label, error, prediction, one probability column per class." };
        var command = new Command("predict", """
            Predict the label of images with a saved model. Rows follow featurize's rules (one per input, errors
            included) and add 'prediction' and 'probability' (per class, in the order of the 'sparkimaging.labels' metadata).

            Example:
              sparkimaging predict --input new-scans/ --model out/model --output out/predictions --csv predictions.csv
            """);
        features.AddTo(command, withSpec: false);
        command.Options.Add(model);
        command.Options.Add(output);
        command.Options.Add(csv);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var bundle = PredictionRows.LoadModel(parse.GetValue(model)!);
            var engineOptions = features.Engine(parse, parse.GetValue(output)!, bundle.FeatureSpec);
            var summary = await new LocalEngine(engineOptions, PredictionRows.For(bundle), Console.Error).RunAsync(cancellationToken);
            Console.Out.WriteLine(LocalEngine.Describe(summary));
            await PredictionReport.WriteAsync(summary.Output, parse.GetValue(csv), Console.Out, cancellationToken);
            return ExitCodes.Of(summary, engineOptions.MaxErrorFraction, Console.Error);
        }));
        return command;
    }
}
