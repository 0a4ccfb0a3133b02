using System.CommandLine;
using SparkImaging.Pipeline.Engine;
using SparkImaging.Pipeline.Options;

namespace SparkImaging.Pipeline.Spark;

/// <summary>
/// The Spark driver's command line: <c>sparkimaging run</c>'s own option declarations (same names, defaults and checks)
/// without the local engine's, plus the cluster's <c>--partitions</c>, <c>--group-size</c> and <c>--no-train</c>.
/// </summary>
public static class SparkRunCommandLine
{
    /// <summary>Parses <paramref name="args"/> and, when they are valid, runs <paramref name="run"/> with the request.</summary>
    /// <returns>The exit code: 2 for bad usage (one line on <paramref name="error"/>), else what <paramref name="run"/> returns.</returns>
    public static Task<int> InvokeAsync(IReadOnlyList<string> args, Func<SparkRunRequest, CancellationToken, Task<int>> run, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(error);
        var features = new FeatureOptions();
        var training = new TrainingOptionSet();
        var output = new Option<string>("--output", "-o") { Description = "Job directory (path or Hadoop URI): features/ and model/ are written inside it.", Required = true };
        var partitions = new Option<int?>("--partitions") { Description = "Number of UDF groups (overrides --group-size)." };
        var groupSize = new Option<int>("--group-size") { Description = "Images per UDF group: whole files of a group travel to the worker in one Arrow batch.", DefaultValueFactory = _ => SparkGroups.DefaultGroupSize };
        var noTrain = new Option<bool>("--no-train") { Description = "Featurize only." };
        var root = new RootCommand("""
            SparkImaging.Spark: sparkimaging run on a Spark cluster. Executors featurize the images into OUTPUT/features;
            the driver collects that table through Spark, trains and evaluates, and publishes OUTPUT/model.
            """);
        features.AddTo(root, withSpec: true, localEngine: false);
        training.AddTo(root);
        root.Options.Add(output);
        root.Options.Add(partitions);
        root.Options.Add(groupSize);
        root.Options.Add(noTrain);
        root.SetAction((parse, cancellationToken) => CommandLineHost.RunAsync(
            () =>
            {
                var request = Build(parse, features, training, parse.GetValue(output)!, parse.GetValue(partitions), parse.GetValue(groupSize), parse.GetValue(noTrain));
                return run(request, cancellationToken);
            },
            error));
        return CommandLineHost.InvokeAsync(root, args, error);
    }

    private static SparkRunRequest Build(ParseResult parse, FeatureOptions features, TrainingOptionSet training, string output, int? partitions, int groupSize, bool noTrain)
    {
        if (partitions is < 1)
        {
            throw new PipelineException(PipelineErrorKind.InvalidRequest, $"--partitions must be at least 1; got {partitions}.");
        }

        if (groupSize < 1)
        {
            throw new PipelineException(PipelineErrorKind.InvalidRequest, $"--group-size must be at least 1; got {groupSize}.");
        }

        var maxErrorFraction = parse.GetValue(features.MaxErrorFraction);
        ErrorBudget.Check(maxErrorFraction);

        // The driver's JPEG route is checked at the door, as the CLI does; executors read their own environment.
        FeatureOptions.JpegRouteOf();
        var request = new SparkRunRequest
        {
            Inputs = parse.GetValue(features.Input) ?? [],
            Output = output,
            LabelsCsv = parse.GetValue(features.Labels),
            Spec = features.Spec(parse),
            AllFiles = parse.GetValue(features.AllFiles),
            PngRoute = features.PngRouteOf(parse),
            AllowUnlabeled = parse.GetValue(features.AllowUnlabeled),
            Partitions = partitions,
            GroupSize = groupSize,
            MaxErrorFraction = maxErrorFraction,
            Overwrite = parse.GetValue(features.Overwrite),
            Train = !noTrain,
            Training = training.Build(parse, featuresDirectory: string.Empty, modelDirectory: string.Empty),
        };
        var trainingOptions = request.Training with { FeaturesDirectory = request.FeaturesUri, ModelDirectory = request.ModelUri };
        if (request.Train && trainingOptions.Validate() is { } problem)
        {
            throw new PipelineException(PipelineErrorKind.InvalidRequest, problem);
        }

        return request with { Training = trainingOptions };
    }
}
