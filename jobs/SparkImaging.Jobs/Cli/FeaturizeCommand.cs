using System.CommandLine;
using SparkImaging.Pipeline;
using SparkImaging.Pipeline.Engine;
using SparkImaging.Pipeline.Options;

namespace SparkImaging.Jobs.Cli;

/// <summary><c>sparkimaging featurize</c>: images → feature dataset.</summary>
internal static class FeaturizeCommand
{
    public static Command Create()
    {
        var options = new FeatureOptions();
        var output = new Option<string>("--output", "-o") { Description = "Dataset directory to write.", Required = true };
        var command = new Command("featurize", """
            Compute LBP histograms of images into a Parquet feature dataset (one row per input, failures included).

            Examples:
              sparkimaging featurize --input samples/ --output out/features
              sparkimaging featurize --input 'slides/**/*.png' --labels labels.csv --lbp 8:1 --lbp 24:3 --output feats
              sparkimaging featurize --input /archive --output /scratch/feats --shard 3/16 --resume
            """);
        options.AddTo(command, withSpec: true);
        command.Options.Add(output);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var spec = options.Spec(parse);
            var engineOptions = options.Engine(parse, parse.GetValue(output)!, spec);
            var summary = await new LocalEngine(engineOptions, LocalEngine.FeatureRows(spec), Console.Error).RunAsync(cancellationToken);
            Console.Out.WriteLine(LocalEngine.Describe(summary));
            return ExitCodes.Of(summary, engineOptions.MaxErrorFraction, Console.Error);
        }));
        return command;
    }
}
