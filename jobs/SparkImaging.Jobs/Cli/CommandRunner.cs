using SparkImaging.Pipeline;
using SparkImaging.Pipeline.Options;

namespace SparkImaging.Jobs.Cli;

/// <summary>Maps what a command throws to the contract's exit codes, with a message that names the problem.</summary>
internal static class CommandRunner
{
    /// <summary>Set to 1 to let an unexpected exception print its stack trace.</summary>
    public const string TraceVariable = "SPARKIMAGING_TRACE";

    public static async Task<int> RunAsync(Func<Task<int>> command)
    {
        try
        {
            return await CommandLineHost.RunAsync(command, Console.Error);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            await Console.Error.WriteLineAsync($"failed: {e.Message}");
            return ExitCodes.Failure;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable(TraceVariable) != "1")
        {
            // A bug, not a user's mistake: still one line for the user, the trace on request.
            await Console.Error.WriteLineAsync($"failed: internal error ({e.GetType().Name}): {PipelineException.UserMessage(e)} (set {TraceVariable}=1 for the stack trace)");
            return ExitCodes.Failure;
        }
    }
}
