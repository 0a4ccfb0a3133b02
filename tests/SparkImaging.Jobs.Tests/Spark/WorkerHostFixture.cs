using SparkImaging.Jobs.Tests.Cluster;
using SparkImaging.Jobs.Tests.Support;

namespace SparkImaging.Jobs.Tests.Spark;

/// <summary>
/// Publishes, once per test class, what an executor has: the .NET 8 worker stand-in (tests/SparkImaging.WorkerHost,
/// self-contained) and SparkImaging.Udfs published as scripts/build-spark.sh does, so native libraries sit next to
/// their assemblies. The UDF directory is handed to the host only through DOTNET_ASSEMBLY_SEARCH_PATHS.
/// </summary>
public sealed class WorkerHostFixture : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(10);

    private readonly TempDirectory root = new();

    /// <summary>The directory the host runs in; the UDF directory is <see cref="UdfsFolder"/> below it.</summary>
    public string WorkingDirectory => root.Path;

    public static string UdfsFolder => "udfs";

    public string UdfsDirectory => root.Combine(UdfsFolder);

    public string HostDirectory => root.Combine("host");

    public string HostPath => Path.Combine(HostDirectory, "SparkImaging.WorkerHost");

    public async Task InitializeAsync()
    {
        var repository = SampleImages.RepositoryRoot;
        // Sequential: two publishes at once on a small machine only contend. The host's own obj/ is reused (nothing
        // else builds it); the UDFs build in a private artifacts folder, so a concurrent publish of the CLI (the Slurm
        // test), which builds udfs/ for a runtime identifier too, never shares intermediate files with this one.
        await Publish(
            "the .NET 8 worker stand-in",
            [Path.Combine(repository, "tests", "SparkImaging.WorkerHost", "SparkImaging.WorkerHost.csproj"), "-c", "Release", "-o", HostDirectory]);
        await Publish(
            "SparkImaging.Udfs for the worker",
            [Path.Combine(repository, "udfs", "SparkImaging.Udfs", "SparkImaging.Udfs.csproj"), "-c", "Release", "-f", "net8.0", "-r", "linux-x64",
                "--self-contained", "false", "-o", UdfsDirectory, "--artifacts-path", root.Combine("artifacts")]);
        Assert.True(File.Exists(HostPath), $"the worker stand-in's publish left no {HostPath}");
        Assert.True(File.Exists(Path.Combine(UdfsDirectory, "libSkiaSharp.so")), $"the UDF publish left no libSkiaSharp.so in {UdfsDirectory}");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => root.Dispose();

    private static async Task Publish(string what, IEnumerable<string> arguments)
    {
        // No build servers: a test must not leave MSBuild or compiler processes running behind it.
        var result = await ChildProcess.RunAsync(DotnetHost(), ["publish", .. arguments, "--disable-build-servers", "-nologo"], PublishTimeout);
        if (result.Succeeded)
        {
            return;
        }

        var packs = result.StandardOutput.Contains("Microsoft.NETCore.App.Runtime", StringComparison.Ordinal)
            || result.StandardOutput.Contains("Microsoft.NETCore.App.Host", StringComparison.Ordinal)
            ? "The .NET 8 runtime pack or apphost pack (Microsoft.NETCore.App.Runtime/Host.linux-x64 8.0.x) could not be restored "
              + "from the NuGet feed; the worker test needs them to run on .NET 8 and is not skipped without them.\n"
            : string.Empty;
        Assert.Fail($"Publishing {what} failed.\n{packs}{result.Describe()}");
    }

    // The SDK tells test hosts where its dotnet is; fall back to the one on PATH.
    private static string DotnetHost() => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
}
