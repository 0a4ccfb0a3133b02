using SparkImaging.Udfs.Imaging;

namespace SparkImaging.Udfs.Tests.Imaging;

/// <summary>
/// The switch back to the runtime's code (<see cref="DecoderSettings.PngRouteVariable"/>): 8-bit PNGs through
/// SkiaSharp, 16-bit ones through our unfilters over <see cref="System.IO.Compression.ZLibStream"/>. Both routes give
/// the same pixels and the same features on every PNG fixture.
/// </summary>
public class PngRouteTests
{
    public static TheoryData<string> PngFixtures()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(TestPaths.DecodeFixtures, "*.png").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PngFixtures))]
    public void Both_routes_decode_the_same_pixels(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestPaths.DecodeFixtures, file));
        var info = ImageDecoder.ReadInfo(bytes);
        foreach (var mode in new[] { GrayMode.Mean, GrayMode.Luma })
        {
            using var managed = ImageDecoder.DecodeGray(bytes, info, mode, long.MaxValue, PngRoute.Managed);
            using var runtime = ImageDecoder.DecodeGray(bytes, info, mode, long.MaxValue, PngRoute.Runtime);
            Assert.Equal(managed.Pixels.ToArray(), runtime.Pixels.ToArray());
        }
    }

    [Fact]
    public void Both_routes_give_the_same_features_from_the_environment_variable()
    {
        // Child processes, as executors are: the variable is read there, once.
        var managed = FuzzHelperProcess.Run(["features", TestPaths.DecodeFixtures], new Dictionary<string, string> { [DecoderSettings.PngRouteVariable] = "managed" });
        var runtime = FuzzHelperProcess.Run(["features", TestPaths.DecodeFixtures], new Dictionary<string, string> { [DecoderSettings.PngRouteVariable] = "Runtime" });
        Assert.StartsWith("route Managed", managed, StringComparison.Ordinal);
        Assert.StartsWith("route Runtime", runtime, StringComparison.Ordinal);
        var managedRows = managed.Split('\n')[1..];
        Assert.Equal(Directory.GetFiles(TestPaths.DecodeFixtures, "*.png").Length, managedRows.Count(r => r.Length > 0));
        Assert.DoesNotContain(managedRows, r => r.Contains(": ", StringComparison.Ordinal)); // no error rows
        Assert.Equal(managedRows, runtime.Split('\n')[1..]);
    }

    [Theory]
    [InlineData(null, PngRoute.Managed)]
    [InlineData("", PngRoute.Managed)]
    [InlineData("managed", PngRoute.Managed)]
    [InlineData(" RUNTIME ", PngRoute.Runtime)]
    public void The_variable_names_a_route(string? value, PngRoute expected) =>
        Assert.Equal(expected, DecoderSettings.ParsePngRoute(value));

    [Theory]
    [InlineData("skia")]
    [InlineData("1")]
    public void Any_other_value_is_refused_not_ignored(string value)
    {
        var e = Assert.Throws<ArgumentException>(() => DecoderSettings.ParsePngRoute(value));
        Assert.Contains(DecoderSettings.PngRouteVariable, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Runtime_route_keeps_the_managed_failure_kinds()
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestPaths.DecodeFixtures, "png_rgb16.png"));
        var info = ImageDecoder.ReadInfo(bytes);
        foreach (var cut in new[] { bytes.Length / 2, bytes.Length - 40 })
        {
            var managed = Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeGray(bytes.AsSpan(0, cut), info, GrayMode.Mean, long.MaxValue, PngRoute.Managed).Dispose());
            var runtime = Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeGray(bytes.AsSpan(0, cut), info, GrayMode.Mean, long.MaxValue, PngRoute.Runtime).Dispose());
            Assert.Equal(managed.Failure, runtime.Failure);
        }
    }
}
