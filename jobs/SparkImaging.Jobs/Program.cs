using System.CommandLine;
using SparkImaging.Jobs.Cli;
using SparkImaging.Pipeline;
using SparkImaging.Pipeline.Options;

namespace SparkImaging.Jobs;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("""
            sparkimaging: LBP texture features of image archives into Parquet, and a logistic model on them.

            The main job on the bundled samples:
              sparkimaging run --input samples --output out
            """)
        {
            FeaturizeCommand.Create(),
            TrainCommands.CreateTrain(),
            TrainCommands.CreateEvaluate(),
            PredictCommand.Create(),
            RunCommand.Create(),
            InspectCommand.Create(),
        };

        return await CommandLineHost.InvokeAsync(root, args, Console.Error, handleSignals: true);
    }
}
