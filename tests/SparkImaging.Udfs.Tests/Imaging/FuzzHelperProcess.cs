using System.Diagnostics;

namespace SparkImaging.Udfs.Tests.Imaging;

/// <summary>
/// Runs the fuzz harness (tests/SparkImaging.Fuzz, built with this test project, which references it) as a child
/// process: for what only a fresh process can show, ISAs turned off and the PNG route read from the environment, and
/// published for linux-arm64 under qemu-user.
/// </summary>
internal static class FuzzHelperProcess
{
    private const string HarnessProject = "tests/SparkImaging.Fuzz/SparkImaging.Fuzz.csproj";

    /// <summary>Its standard output; fails the test on a non-zero exit.</summary>
    public static string Run(IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment) =>
        Run(new ProcessStartInfo(DotnetHost(), [HelperPath(), .. arguments]), environment, "the fuzz helper");

    /// <summary>
    /// The same under qemu-user, for the harness <see cref="Arm64FuzzHarness"/> published. scripts/test.sh installs
    /// qemu-user and the arm64 C library; without them the test fails, it does not skip (as the LBP kernel's ARM64 test).
    /// </summary>
    public static string RunOnArm64(Arm64FuzzHarness harness, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        return Run(Qemu.StartInfo(harness.Executable, arguments), environment, "the fuzz helper on linux-arm64 under qemu");
    }

    /// <summary>Publishes the harness self-contained for linux-arm64 into <paramref name="directory"/>; returns its executable.</summary>
    public static string PublishForArm64(string directory)
    {
        var start = new ProcessStartInfo(
            DotnetHost(),
            ["publish", Path.Combine(TestPaths.RepositoryRoot, HarnessProject), "-c", "SelfCheck", "-p:Optimize=true", "-p:SelfCheckRuntime=linux-arm64",
             "--artifacts-path", Path.Combine(directory, "artifacts"), "-o", Path.Combine(directory, "app"), "-nologo", "-v:q"])
        {
            WorkingDirectory = TestPaths.RepositoryRoot,
        };
        Run(start, new Dictionary<string, string>(), "publishing the fuzz harness for linux-arm64");
        return Path.Combine(directory, "app", "SparkImaging.Fuzz");
    }

    private static string Run(ProcessStartInfo start, IReadOnlyDictionary<string, string> environment, string what)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{what} exited with {process.ExitCode}:\n{output}\n{error.Result}");
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
