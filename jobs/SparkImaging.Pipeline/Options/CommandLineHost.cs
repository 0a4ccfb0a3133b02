using System.CommandLine;

namespace SparkImaging.Pipeline.Options;

/// <summary>Parses and runs a host's command line: a parse error is one line per problem and exit 2, never a stack trace.</summary>
internal static class CommandLineHost
{
    public static async Task<int> InvokeAsync(RootCommand root, IReadOnlyList<string> args, TextWriter error)
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

        return await parse.InvokeAsync();
    }

    /// <summary>Runs a host's command body: a <see cref="PipelineException"/> becomes its one-line message and exit code.</summary>
    public static async Task<int> RunAsync(Func<Task<int>> command, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(command);
        try
        {
            return await command();
        }
        catch (PipelineException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Of(e.Kind);
        }
    }
}
