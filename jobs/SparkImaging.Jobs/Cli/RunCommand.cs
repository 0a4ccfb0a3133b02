using System.CommandLine;
using SparkImaging.Pipeline;
using SparkImaging.Pipeline.Engine;
using SparkImaging.Pipeline.Options;
using SparkImaging.Pipeline.Training;

namespace SparkImaging.Jobs.Cli;

/// <summary><c>sparkimaging run</c>: the main job, featurize into DIR/features then train and evaluate into DIR/model.</summary>
internal static class RunCommand
{
    public const string FeaturesFolder = "features";
    public const string ModelFolder = "model";

    public static Command Create()
    {
        var features = new FeatureOptions();
        var training = new TrainingOptionSet();
        var output = new Option<string>("--output", "-o") { Description = "Job directory: features/ and model/ are written inside it.", Required = true };
        var command = new Command("run", """
            The main job: featurize the images into OUTPUT/features, then train and evaluate the logistic model into OUTPUT/model.

            Example (the bundled samples):
              sparkimaging run --input samples --output out
            """);
        features.AddTo(command, withSpec: true);
        training.AddTo(command);
        command.Options.Add(output);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var root = parse.GetValue(output)!;
            var spec = features.Spec(parse);
            var engineOptions = features.Engine(parse, Path.Combine(root, FeaturesFolder), spec) with { ExcludeFromInputs = [root] };
            var summary = await new LocalEngine(engineOptions, LocalEngine.FeatureRows(spec), Console.Error).RunAsync(cancellationToken);
            Console.Out.WriteLine(LocalEngine.Describe(summary));
            var featurized = ExitCodes.Of(summary, engineOptions.MaxErrorFraction, Console.Error);
            if (featurized != ExitCodes.Success)
            {
                return featurized;
            }

            if (!summary.Complete)
            {
                throw new PipelineException(PipelineErrorKind.InvalidRequest, "The feature dataset is incomplete (other shards still to run); train once every shard is done.");
            }

            // The features just changed as asked (--overwrite, --resume, --append), so the model trained on them replaces the old one.
            var replaceModel = engineOptions.Overwrite || engineOptions.Resume || engineOptions.Append;
            await TrainingPipeline.RunAsync(training.Build(parse, engineOptions.Output, Path.Combine(root, ModelFolder), replaceModel), Console.Out, Console.Error, cancellationToken);
            return ExitCodes.Success;
        }));
        return command;
    }
}
