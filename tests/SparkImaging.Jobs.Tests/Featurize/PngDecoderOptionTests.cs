using SparkImaging.Jobs.Tests.Support;

namespace SparkImaging.Jobs.Tests.Featurize;

/// <summary>
/// <c>--png-decoder runtime</c> (or SPARKIMAGING_PNG_DECODER) routes PNGs through SkiaSharp/libpng and .NET's zlib, the
/// switch back from the managed decoder; both routes give the same features on the samples.
/// </summary>
public sealed class PngDecoderOptionTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Both_png_routes_give_the_same_rows_on_the_samples()
    {
        var managed = ProgramRunner.Run("featurize", "--input", SampleImages.Samples, "--output", temp.Combine("managed"), "--png-decoder", "managed");
        var runtime = ProgramRunner.Run("featurize", "--input", SampleImages.Samples, "--output", temp.Combine("runtime"), "--png-decoder", "runtime");

        Assert.True(managed.ExitCode == 0, managed.ToString());
        Assert.True(runtime.ExitCode == 0, runtime.ToString());
        var expected = DatasetRows.Read(temp.Combine("managed")).OrderBy(r => r.Path, StringComparer.Ordinal).ToList();
        var actual = DatasetRows.Read(temp.Combine("runtime")).OrderBy(r => r.Path, StringComparer.Ordinal).ToList();
        Assert.Equal(SampleImages.SampleCount, actual.Count);
        Assert.Equal(expected.Select(r => (r.Path, r.Label, r.Error)), actual.Select(r => (r.Path, r.Label, r.Error)));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(expected[i].Histogram.AsSpan().SequenceEqual(actual[i].Histogram), expected[i].Path);
        }
    }

    [Fact]
    public void An_unknown_png_route_is_refused_in_one_line_before_anything_is_written()
    {
        var result = ProgramRunner.Run("featurize", "--input", SampleImages.Samples, "--output", temp.Combine("out"), "--png-decoder", "fast");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--png-decoder (or SPARKIMAGING_PNG_DECODER) is 'fast'; expected managed or runtime.", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("out")));
    }
}
