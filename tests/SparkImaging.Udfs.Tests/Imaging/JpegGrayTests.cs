using SkiaSharp;
using SparkImaging.Udfs.Imaging;

namespace SparkImaging.Udfs.Tests.Imaging;

/// <summary>
/// JPEG → gray is bit for bit the mean, as doubles, of the RGB that SkiaSharp decodes (or its gray, for gray JPEGs):
/// whatever route <see cref="ImageDecoder"/> takes to it. The decoder fixtures only hold JPEGs to a tolerance (their
/// reference is another libjpeg), so this is what keeps the features of JPEG inputs unchanged.
/// </summary>
public class JpegGrayTests
{
    public static TheoryData<string> Fixtures => new() { "jpeg_baseline.jpg", "jpeg_progressive.jpg", "jpeg_gray.jpg", "jpeg_cmyk.jpg" };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_decodes_to_the_mean_of_skias_pixels(string file) =>
        AssertMeanOfSkia(File.ReadAllBytes(Path.Combine(TestPaths.DecodeFixtures, file)));

    /// <summary>Noise (the hardest case for every stage) at odd sizes, so rows end off any vector step.</summary>
    [Theory]
    [InlineData(1, 1, 90)]
    [InlineData(7, 3, 75)]
    [InlineData(37, 23, 90)]
    [InlineData(515, 17, 100)]
    [InlineData(128, 128, 50)]
    public void Generated_noise_decodes_to_the_mean_of_skias_pixels(int width, int height, int quality)
    {
        var random = new Random((width * 1000) + height);
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        var pixels = new byte[info.BytesSize];
        random.NextBytes(pixels);
        for (var i = 3; i < pixels.Length; i += 4)
        {
            pixels[i] = 255;
        }

        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, quality);
        AssertMeanOfSkia(data.ToArray());
    }

    private static void AssertMeanOfSkia(byte[] jpeg)
    {
        using var gray = ImageDecoder.DecodeGray(jpeg, GrayMode.Mean, long.MaxValue);
        var expected = MeanOfSkiaPixels(jpeg);
        Assert.Equal(expected.Length, gray.Pixels.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(gray.Pixels[i]), $"pixel {i}: {gray.Pixels[i]:R}, expected {expected[i]:R}");
        }
    }

    /// <summary>SkiaSharp's RGBA (no colour space conversion) or gray bytes, averaged the plain way.</summary>
    private static double[] MeanOfSkiaPixels(byte[] jpeg)
    {
        using var codec = SKCodec.Create(new SKMemoryStream(jpeg));
        var isGray = codec.Info.ColorType == SKColorType.Gray8;
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, isGray ? SKColorType.Gray8 : SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        Assert.Equal(SKCodecResult.Success, codec.GetPixels(info, bitmap.GetPixels()));
        var bytes = bitmap.Bytes;
        var means = new double[info.Width * info.Height];
        for (var i = 0; i < means.Length; i++)
        {
            means[i] = isGray ? bytes[i] : ((double)bytes[4 * i] + bytes[(4 * i) + 1] + bytes[(4 * i) + 2]) / 3.0;
        }

        return means;
    }
}
