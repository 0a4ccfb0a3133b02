using SparkImaging.Fuzz;

namespace SparkImaging.Udfs.Tests.Imaging;

/// <summary>
/// The PNG unfilters (Sub and Paeth in Vector128, Average with SSE2 or AdvSimd, Vector&lt;byte&gt; Up), Adler-32 (AVX2,
/// Vector128) and the 8-bit gray conversions (Vector256 and Vector128) give exactly what the plain definitions give: in
/// this process, in child processes started with AVX2 or all hardware intrinsics turned off, so the narrower vector
/// and the scalar paths run too, and on ARM64 under qemu (AdvSimd, and scalar). The child is the fuzz harness's
/// <c>selfcheck-png</c> mode (<see cref="IsaSelfCheck"/>).
/// </summary>
public class PngVectorPathTests(Arm64FuzzHarness arm64) : IClassFixture<Arm64FuzzHarness>
{
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
        AssertSelfCheck(output, expectedIsa);
    }

    [Theory]
    [InlineData("1", "isa Arm64 vector256=False vector128=True avx2=False sse2=False advsimd=True")]
    [InlineData("0", "isa Arm64 vector256=False vector128=False avx2=False sse2=False advsimd=False")]
    public void Unfilters_and_adler32_on_arm64_under_qemu_equal_the_plain_definitions(string intrinsics, string expectedIsa)
    {
        var output = FuzzHelperProcess.RunOnArm64(arm64, ["selfcheck-png"], new Dictionary<string, string> { ["DOTNET_EnableHWIntrinsic"] = intrinsics });
        AssertSelfCheck(output, expectedIsa);
    }

    private static void AssertSelfCheck(string output, string expectedIsa)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(expectedIsa, lines[0], StringComparison.Ordinal);
        Assert.Equal(IsaSelfCheck.Reference(), lines[1..]);
    }
}
