using System.CommandLine;

namespace SparkImaging.Pipeline.Options;

/// <summary>Parses and runs a host's command line: a parse error is one line per problem and exit 2, never a stack trace.</summary>
internal static class CommandLineHost
{
    /// <param name="root">The host's commands.</param>
    /// <param name="args">The command line.</param>
    /// <param name="error">Where problems are written.</param>
    /// <param name="handleSignals">Turn Ctrl-C and SIGTERM into <see cref="Interruption"/> (exit 130/143 after a clean stop)
    /// instead of System.CommandLine's handling, which ends the process two seconds after the signal.</param>
    public static async Task<int> InvokeAsync(RootCommand root, IReadOnlyList<string> args, TextWriter error, bool handleSignals = false)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
            {
                await error.WriteLineAsync($"error: {problem.Message}");
            }

            await error.WriteLineAsync("Run with --help for usage.");
            return ExitCodes.BadUsage;
        }

        if (!handleSignals)
        {
            return await parse.InvokeAsync();
        }

        using var signals = Interruption.Listen();
        return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, Interruption.Token);
    }

    /// <summary>Runs a host's command body: a <see cref="PipelineException"/> becomes its one-line message and exit code.</summary>
    public static async Task<int> RunAsync(Func<Task<int>> command, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(command);
        try
        {
            return await command();
        }
        catch (PipelineException e) when (e.Kind == PipelineErrorKind.Interrupted)
        {
            await error.WriteLineAsync(e.Message);
            return ExitCodes.Of(e.Kind);
        }
        catch (PipelineException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Of(e.Kind);
        }
        catch (OperationCanceledException) when (Interruption.Token.IsCancellationRequested)
        {
            await error.WriteLineAsync("interrupted: committed part files are kept; rerun with --resume to finish.");
            return Interruption.ExitCode;
        }
    }
}
