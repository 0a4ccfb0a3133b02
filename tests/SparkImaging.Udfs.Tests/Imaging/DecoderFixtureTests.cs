using System.Text.Json;
using SparkImaging.Udfs.Imaging;
using SparkImaging.Udfs.Tests.Golden;

namespace SparkImaging.Udfs.Tests.Imaging;

/// <summary>Every supported format and variant decodes to the gray plane its pixels define.</summary>
public class DecoderFixtureTests
{
    private static readonly NpzArchive Expected = new(Path.Combine(TestPaths.DecodeFixtures, "expected.npz"));

    public static IEnumerable<object[]> Fixtures()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.DecodeFixtures, "manifest.json")));
        foreach (var image in manifest.RootElement.GetProperty("images").EnumerateArray())
        {
            yield return [image.GetProperty("file").GetString()!, image.GetProperty("exact").GetBoolean(), image.GetProperty("tolerance").GetDouble()];
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Decodes_to_the_mean_gray_of_its_pixels(string file, bool exact, double tolerance)
    {
        var expected = Expected[Path.GetFileNameWithoutExtension(file)];
        var bytes = File.ReadAllBytes(Path.Combine(TestPaths.DecodeFixtures, file));

        using var gray = ImageDecoder.DecodeGray(bytes, GrayMode.Mean, long.MaxValue);

        Assert.Equal(expected.Shape[0], gray.Height);
        Assert.Equal(expected.Shape[1], gray.Width);
        var actual = gray.Pixels.ToArray();
        if (exact)
        {
            Assert.Equal(expected.Values, actual);
        }
        else
        {
            var meanAbsolute = actual.Zip(expected.Values, (a, e) => Math.Abs(a - e)).Average();
            Assert.True(meanAbsolute <= tolerance, $"{file}: mean |difference| {meanAbsolute:F3} levels exceeds {tolerance}");
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Header_declares_the_decoded_size_and_the_format_of_the_bytes(string file, bool exact, double tolerance)
    {
        _ = exact;
        _ = tolerance;
        var bytes = File.ReadAllBytes(Path.Combine(TestPaths.DecodeFixtures, file));
        var expectedFormat = file.Split('_')[0] switch
        {
            "png" => ImageFormat.Png,
            "jpeg" => ImageFormat.Jpeg,
            "webp" => ImageFormat.WebP,
            "bmp" => ImageFormat.Bmp,
            "gif" => ImageFormat.Gif,
            "tiff" => ImageFormat.Tiff,
            _ => ImageFormat.Unknown,
        };

        var info = ImageDecoder.ReadInfo(bytes);

        Assert.Equal(expectedFormat, info.Format);
        var expected = Expected[Path.GetFileNameWithoutExtension(file)];
        Assert.Equal((expected.Shape[1], expected.Shape[0]), (info.Width, info.Height));
    }

    [Fact]
    public void Luma_weighs_green_most_and_differs_from_mean_on_colour()
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestPaths.DecodeFixtures, "png_rgb8.png"));
        using var mean = ImageDecoder.DecodeGray(bytes, GrayMode.Mean, long.MaxValue);
        using var luma = ImageDecoder.DecodeGray(bytes, GrayMode.Luma, long.MaxValue);

        Assert.NotEqual(mean.Pixels.ToArray(), luma.Pixels.ToArray());
        Assert.All(luma.Pixels.ToArray(), v => Assert.InRange(v, 0, 255));
    }
}
