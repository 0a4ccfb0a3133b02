using System.CommandLine;
using SparkImaging.Jobs.Cli;

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
        };

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync($"error: {error.Message}");
            }

            await Console.Error.WriteLineAsync("Run with --help for usage.");
            return ExitCodes.BadUsage;
        }

        return await parse.InvokeAsync();
    }
}
