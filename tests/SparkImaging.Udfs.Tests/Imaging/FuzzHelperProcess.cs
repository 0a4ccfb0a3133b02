using System.Diagnostics;

namespace SparkImaging.Udfs.Tests.Imaging;

/// <summary>
/// Runs the fuzz harness (tests/SparkImaging.Fuzz, built with this test project, which references it) as a child
/// process: for what only a fresh process can show, ISAs turned off and the PNG route read from the environment.
/// </summary>
internal static class FuzzHelperProcess
{
    /// <summary>Its standard output; fails the test on a non-zero exit.</summary>
    public static string Run(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(DotnetHost(), [HelperPath(), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"the fuzz helper exited with {process.ExitCode}:\n{output}\n{error.Result}");
        return output;
    }

    /// <summary>The harness's own output, in the configuration this test assembly was built in.</summary>
    private static string HelperPath()
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var path = Path.Combine(TestPaths.RepositoryRoot, "tests", "SparkImaging.Fuzz", "bin", configuration, "net10.0", "SparkImaging.Fuzz.dll");
        Assert.True(File.Exists(path), $"{path} is missing: build the solution first");
        return path;
    }

    // The SDK tells test hosts where its dotnet is; fall back to the one on PATH.
    private static string DotnetHost() => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
}
