using System.Diagnostics;
using SparkImaging.Fuzz;

namespace SparkImaging.Udfs.Tests.Imaging;

/// <summary>
/// The PNG unfilters (Sub and Paeth in Vector128, Average with SSE2 or AdvSimd, Vector&lt;byte&gt; Up), Adler-32 (AVX2,
/// Vector128) and the 8-bit RGB/RGBA gray mean (Vector256, Vector128) give exactly what the plain definitions give: in
/// this process, in child processes started with AVX2 or all hardware intrinsics turned off, so the narrower vector
/// and the scalar paths run too, and on ARM64 under qemu (AdvSimd). The child is the fuzz harness's
/// <c>selfcheck-png</c> mode (<see cref="IsaSelfCheck"/>).
/// </summary>
public class PngVectorPathTests
{
    private const string HarnessProject = "tests/SparkImaging.Fuzz/SparkImaging.Fuzz.csproj";
    private const string QemuAarch64 = "/usr/bin/qemu-aarch64";
    private const string Arm64Sysroot = "/usr/aarch64-linux-gnu";

    public static TheoryData<string, string> IsaSwitches => new()
    {
        { "DOTNET_EnableAVX2", "avx2=False" },
        { "DOTNET_EnableHWIntrinsic", "sse2=False" },
    };

    [Fact]
    public void Unfilters_and_adler32_equal_the_plain_definitions_in_process() =>
        Assert.Equal(IsaSelfCheck.Reference(), IsaSelfCheck.Results());

    [Theory]
    [MemberData(nameof(IsaSwitches))]
    public void Unfilters_and_adler32_with_an_isa_turned_off_equal_the_plain_definitions(string switchName, string expectedIsa)
    {
        var output = FuzzHelperProcess.Run(["selfcheck-png"], new Dictionary<string, string> { [switchName] = "0" });
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(expectedIsa, lines[0], StringComparison.Ordinal);
        Assert.Equal(IsaSelfCheck.Reference(), lines[1..]);
    }

    /// <summary>
    /// The harness published for linux-arm64 under qemu-user: AdvSimd's Average, the portable Vector128 paths, and with
    /// intrinsics off the scalar ones. scripts/test.sh installs qemu-user and the arm64 C library; without them this
    /// test fails, it does not skip (as the LBP kernel's ARM64 test).
    /// </summary>
    [Theory]
    [InlineData("1", "vector128=True avx2=False sse2=False advsimd=True")]
    [InlineData("0", "vector128=False avx2=False sse2=False advsimd=False")]
    public void Unfilters_and_adler32_on_arm64_under_qemu_equal_the_plain_definitions(string intrinsics, string expectedIsa)
    {
        Assert.True(File.Exists(QemuAarch64) && Directory.Exists(Arm64Sysroot), $"{QemuAarch64} and {Arm64Sysroot} are needed: apt-get install qemu-user libc6-arm64-cross libstdc++6-arm64-cross (scripts/test.sh does).");
        var start = new ProcessStartInfo(QemuAarch64, ["-L", Arm64Sysroot, Arm64Harness.Value, "selfcheck-png"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_EnableHWIntrinsic"] = intrinsics;
        var lines = Run(start, "selfcheck-png on linux-arm64 under qemu").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("isa Arm64 ", lines[0], StringComparison.Ordinal);
        Assert.Contains(expectedIsa, lines[0], StringComparison.Ordinal);
        Assert.Equal(IsaSelfCheck.Reference(), lines[1..]);
    }

    private static readonly Lazy<string> Arm64Harness = new(PublishArm64Harness);

    private static string PublishArm64Harness()
    {
        var output = Path.Combine(Path.GetTempPath(), "sparkimaging-selfcheck-png-arm64", Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo(
            DotnetHost(),
            ["publish", Path.Combine(TestPaths.RepositoryRoot, HarnessProject), "-c", "SelfCheck", "-p:Optimize=true", "-p:SelfCheckRuntime=linux-arm64",
             "--artifacts-path", Path.Combine(output, "artifacts"), "-o", Path.Combine(output, "app"), "-nologo", "-v:q"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = TestPaths.RepositoryRoot,
        };
        Run(start, "publishing the fuzz harness for linux-arm64");
        return Path.Combine(output, "app", "SparkImaging.Fuzz");
    }

    private static string Run(ProcessStartInfo start, string what)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{what}: could not start {start.FileName}");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{what} exited with {process.ExitCode}:\n{output}\n{error.Result}");
        return output;
    }

    // The SDK tells test hosts where its dotnet is; fall back to the one on PATH.
    private static string DotnetHost() => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
}
