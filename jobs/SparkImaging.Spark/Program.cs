using SparkImaging.Jobs.Cli;

namespace SparkImaging.Spark;

/// <summary>
/// Entry point started by spark-submit through Microsoft.Spark's DotnetRunner:
/// check arguments → Spark session → read → label → group → UDF → write → stop → train.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        SparkDriverOptions? options = SparkDriverOptions.Parse(args, Console.Error);
        if (options is null)
        {
            return ExitCodes.BadUsage;
        }

        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // Let the job stop Spark and return instead of killing the process mid-commit.
            e.Cancel = true;
            cancellation.Cancel();
        };

        var job = new SparkRunJob(options, Console.Out, Console.Error);
        return await job.RunAsync(cancellation.Token).ConfigureAwait(false);
    }
}
