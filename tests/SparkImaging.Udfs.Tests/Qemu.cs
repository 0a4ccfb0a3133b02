using System.Diagnostics;

namespace SparkImaging.Udfs.Tests;

/// <summary>How the tests run linux-arm64 .NET programs under qemu-user (scripts/test.sh installs it and the arm64 C library).</summary>
internal static class Qemu
{
    private const string Aarch64 = "/usr/bin/qemu-aarch64";
    private const string Arm64Sysroot = "/usr/aarch64-linux-gnu";

    /// <summary>
    /// A start of <paramref name="executable"/> (a self-contained linux-arm64 program) under qemu-aarch64, after
    /// asserting that qemu and the sysroot are there: without them the test fails, it does not skip.
    /// </summary>
    /// <remarks>
    /// With .NET's W^X double mapping of code (on by default) the LBP self-check aborted under qemu-aarch64 7.2 (Debian 12) in
    /// about half of the runs that took twice as long as the test's (an AccessViolationException in
    /// <c>InteriorTables.Fill</c>, in managed code that only indexes spans), and in two of six runs of the test itself;
    /// with <c>DOTNET_EnableWriteXorExecute=0</c> sixteen such runs were clean, as was the same work on x64 under
    /// <c>DOTNET_HeapVerify=1</c> with a 64 KB gen0: qemu-user and the double mapping, not our code.
    /// </remarks>
    public static ProcessStartInfo StartInfo(string executable, IEnumerable<string> arguments)
    {
        Assert.True(File.Exists(Aarch64) && Directory.Exists(Arm64Sysroot), $"{Aarch64} and {Arm64Sysroot} are needed: apt-get install qemu-user libc6-arm64-cross libstdc++6-arm64-cross (scripts/test.sh does).");
        var start = new ProcessStartInfo(Aarch64, ["-L", Arm64Sysroot, executable, .. arguments]);
        start.Environment["DOTNET_EnableWriteXorExecute"] = "0";
        return start;
    }
}
