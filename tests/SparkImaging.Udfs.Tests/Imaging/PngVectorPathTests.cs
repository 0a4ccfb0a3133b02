using SparkImaging.Fuzz;

namespace SparkImaging.Udfs.Tests.Imaging;

/// <summary>
/// The PNG unfilters (SSE2 Average and Paeth, Vector&lt;byte&gt; Up) and Adler-32 (AVX2) give exactly what the
/// specification's byte-at-a-time definitions give: in this process, and in child processes started with AVX2 or all
/// hardware intrinsics turned off, so the narrower vector and the scalar paths run too. The child is the fuzz
/// harness's <c>selfcheck-png</c> mode (<see cref="IsaSelfCheck"/>).
/// </summary>
public class PngVectorPathTests
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
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(expectedIsa, lines[0], StringComparison.Ordinal);
        Assert.Equal(IsaSelfCheck.Reference(), lines[1..]);
    }
}
