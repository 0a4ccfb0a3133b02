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

    /// <summary>
    /// The system route is there on the test machines (scripts/test.sh installs libturbojpeg0) and takes the 8-bit
    /// Huffman-coded fixtures itself, so the tests above hold its pixels, not SkiaSharp's fallback, to SkiaSharp's;
    /// the CMYK fixture it leaves to SkiaSharp.
    /// </summary>
    [Theory]
    [InlineData("jpeg_baseline.jpg", true)]
    [InlineData("jpeg_progressive.jpg", true)]
    [InlineData("jpeg_gray.jpg", true)]
    [InlineData("jpeg_cmyk.jpg", false)]
    public void System_route_decodes_the_huffman_fixtures_itself(string file, bool taken)
    {
        Assert.True(TurboJpeg.IsAvailable, "libturbojpeg.so.0 did not load: apt-get install libturbojpeg0 (scripts/test.sh does)");
        var jpeg = File.ReadAllBytes(Path.Combine(TestPaths.DecodeFixtures, file));
        var info = ImageDecoder.ReadInfo(jpeg);
        using var gray = TurboJpeg.TryDecodeGray(jpeg, info.Width, info.Height, GrayMode.Mean);
        Assert.Equal(taken, gray is not null);
    }

    /// <summary>Both routes, every gray mode, the same doubles; and a file the system library stops on (cut short) gets SkiaSharp's verdict.</summary>
    [Theory]
    [InlineData("jpeg_baseline.jpg")]
    [InlineData("jpeg_progressive.jpg")]
    [InlineData("jpeg_gray.jpg")]
    [InlineData("jpeg_cmyk.jpg")]
    public void Routes_agree_in_every_gray_mode(string file)
    {
        var jpeg = File.ReadAllBytes(Path.Combine(TestPaths.DecodeFixtures, file));
        var info = ImageDecoder.ReadInfo(jpeg);
        foreach (var mode in Enum.GetValues<GrayMode>())
        {
            using var system = ImageDecoder.DecodeGray(jpeg, info, mode, long.MaxValue, PngRoute.Managed, JpegRoute.System);
            using var skia = ImageDecoder.DecodeGray(jpeg, info, mode, long.MaxValue, PngRoute.Managed, JpegRoute.Skia);
            Assert.True(system.Pixels.SequenceEqual(skia.Pixels), $"{file} {mode}: the routes differ");
        }

        var cut = jpeg[..(jpeg.Length * 2 / 3)];
        Assert.Null(TurboJpeg.TryDecodeGray(cut, info.Width, info.Height, GrayMode.Mean));
        var viaSystem = Record.Exception(() => ImageDecoder.DecodeGray(cut, info, GrayMode.Mean, long.MaxValue, PngRoute.Managed, JpegRoute.System).Dispose());
        var viaSkia = Record.Exception(() => ImageDecoder.DecodeGray(cut, info, GrayMode.Mean, long.MaxValue, PngRoute.Managed, JpegRoute.Skia).Dispose());
        Assert.Equal(viaSkia?.GetType(), viaSystem?.GetType());
        Assert.Equal((viaSkia as ImageDecodeException)?.Failure, (viaSystem as ImageDecodeException)?.Failure);
    }

    /// <summary>The frame types the system route takes: 8-bit SOF0/1/2 only, found past other segments; anything else or a broken walk is left to SkiaSharp.</summary>
    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08 }, true)]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xFF, 0xC2, 0x00, 0x11, 0x08 }, true)]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xC1, 0x00, 0x11, 0x0C }, false)]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xC9, 0x00, 0x11, 0x08 }, false)]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xC3, 0x00, 0x11, 0x08 }, false)]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x08, 0x01 }, false)]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x01, 0xFF, 0xC0 }, false)]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE1, 0x7F, 0xFF, 0x00, 0x00 }, false)]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, false)]
    public void Frame_types_the_system_route_takes(byte[] header, bool takes) =>
        Assert.Equal(takes, TurboJpeg.IsEightBitHuffman(header));

    [Theory]
    [InlineData(null, JpegRoute.System)]
    [InlineData("", JpegRoute.System)]
    [InlineData(" System ", JpegRoute.System)]
    [InlineData("skia", JpegRoute.Skia)]
    public void Route_setting_parses(string? value, JpegRoute expected) =>
        Assert.Equal(expected, DecoderSettings.ParseJpegRoute(value));

    [Fact]
    public void Route_setting_refuses_anything_else() =>
        Assert.Contains(DecoderSettings.JpegRouteVariable, Assert.Throws<ArgumentException>(() => DecoderSettings.ParseJpegRoute("libjpeg")).Message);

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
