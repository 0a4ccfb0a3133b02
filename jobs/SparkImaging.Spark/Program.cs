using SparkImaging.Pipeline.Spark;

namespace SparkImaging.Spark;

/// <summary>
/// Entry point started by spark-submit through Microsoft.Spark's DotnetRunner: the shared command line checks the
/// arguments (Ctrl-C cancels the token it passes), then <see cref="SparkRunJob"/> runs session → read → label → group
/// → UDF → write → collect → train → publish → stop.
/// </summary>
internal static class Program
{
    public static Task<int> Main(string[] args) =>
        SparkRunCommandLine.InvokeAsync(
            args,
            (request, cancellationToken) => new SparkRunJob(request, Console.Out, Console.Error).RunAsync(cancellationToken),
            Console.Error);
}
