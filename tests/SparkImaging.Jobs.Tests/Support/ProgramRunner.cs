using System.Diagnostics;

namespace SparkImaging.Jobs.Tests.Support;

/// <summary>Runs the real <c>sparkimaging</c> program (built next to the tests) as a child process.</summary>
internal static class ProgramRunner
{
    public static string ProgramPath { get; } = Path.Combine(AppContext.BaseDirectory, "sparkimaging.dll");

    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(ProgramPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }

    public static ProgramResult Run(params string[] args) => RunIn(null, args);

    /// <summary>Runs the program with <paramref name="workingDirectory"/> as its current directory (null: the tests').</summary>
    public static ProgramResult RunIn(string? workingDirectory, params string[] args) => RunWith(workingDirectory, new Dictionary<string, string>(), args);

    /// <summary>Runs the program with <paramref name="environment"/> added to the tests' environment.</summary>
    public static ProgramResult RunWith(IReadOnlyDictionary<string, string> environment, params string[] args) => RunWith(null, environment, args);

    private static ProgramResult RunWith(string? workingDirectory, IReadOnlyDictionary<string, string> environment, string[] args)
    {
        var info = StartInfo(args);
        info.WorkingDirectory = workingDirectory ?? string.Empty;
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"sparkimaging {string.Join(' ', args)} did not finish in 3 minutes.");
        }

        return new ProgramResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Starts a run and SIGKILLs it once <paramref name="parts"/> part files exist; false if it ended by itself first.</summary>
    public static bool KillAfterParts(string[] args, string output, int parts)
    {
        using var process = Process.Start(StartInfo(args))!;
        var clock = Stopwatch.StartNew();
        while (!process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (Directory.Exists(output) && Directory.GetFiles(output, "part-*.parquet").Length >= parts)
            {
                break;
            }

            Thread.Sleep(5);
        }

        var killed = !process.HasExited;
        if (killed)
        {
            // Process.Kill sends SIGKILL on Linux: no cleanup code runs.
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit();
        return killed;
    }
}
