using SparkImaging.Jobs.Tests.Support;
using SparkImaging.Udfs.Imaging;

namespace SparkImaging.Jobs.Tests.Featurize;

/// <summary>
/// JPEGs decode through the machine's libjpeg-turbo where it loads, or SkiaSharp with
/// <c>SPARKIMAGING_JPEG_DECODER=skia</c>: the same rows either way (the CMYK fixture takes SkiaSharp on both), and a
/// value other than system or skia is refused at the door instead of failing every JPEG.
/// </summary>
public sealed class JpegRouteTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Both_jpeg_routes_give_the_same_rows()
    {
        var input = Directory.CreateDirectory(temp.Combine("input", "jpegs")).FullName;
        foreach (var file in new[] { "jpeg_baseline.jpg", "jpeg_progressive.jpg", "jpeg_gray.jpg", "jpeg_cmyk.jpg" })
        {
            File.Copy(Path.Combine(SampleImages.DecodeFixtures, file), Path.Combine(input, file));
        }

        var system = ProgramRunner.RunWith(new Dictionary<string, string> { [DecoderSettings.JpegRouteVariable] = "system" }, "featurize", "--input", temp.Combine("input"), "--output", temp.Combine("system"));
        var skia = ProgramRunner.RunWith(new Dictionary<string, string> { [DecoderSettings.JpegRouteVariable] = "skia" }, "featurize", "--input", temp.Combine("input"), "--output", temp.Combine("skia"));

        Assert.True(system.ExitCode == 0, system.ToString());
        Assert.True(skia.ExitCode == 0, skia.ToString());
        DatasetRows.AssertSame(temp.Combine("skia"), temp.Combine("system"), 4);
        Assert.All(DatasetRows.Read(temp.Combine("system")), r => Assert.Null(r.Error));
    }

    [Fact]
    public void An_unknown_jpeg_route_is_refused_in_one_line_before_anything_is_written()
    {
        var result = ProgramRunner.RunWith(new Dictionary<string, string> { [DecoderSettings.JpegRouteVariable] = "fast" }, "featurize", "--input", SampleImages.Samples, "--output", temp.Combine("out"));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("SPARKIMAGING_JPEG_DECODER is 'fast'; expected system or skia.", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("out")));
    }
}
