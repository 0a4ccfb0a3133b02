using SparkImaging.Fuzz;
using SparkImaging.Udfs.Imaging;

namespace SparkImaging.Udfs.Tests.Imaging;

/// <summary>
/// IHDR is read strictly: compression method 0, filter method 0, interlace method 0 or 1, and a bit depth the colour
/// type allows; anything else is <c>corrupt</c>, whichever decoder would have taken the file.
/// </summary>
public class PngHeaderValidationTests
{
    private const uint Side = 5;

    public static TheoryData<byte, byte, byte, byte, byte> BadHeaders => new()
    {
        // bit depth, colour type, compression, filter, interlace
        { 8, 2, 1, 0, 0 },
        { 8, 2, 255, 0, 0 },
        { 8, 2, 0, 1, 0 },
        { 8, 2, 0, 64, 0 },
        { 8, 2, 0, 0, 2 },
        { 8, 2, 0, 0, 255 },
        { 16, 3, 0, 0, 0 },
        { 4, 2, 0, 0, 0 },
        { 7, 0, 0, 0, 0 },
        { 8, 5, 0, 0, 0 },
        { 8, 1, 0, 0, 0 },
    };

    public static TheoryData<byte, byte, byte> GoodHeaders => new()
    {
        { 8, 2, 0 },
        { 8, 2, 1 },
        { 16, 0, 1 },
        { 1, 0, 0 },
        { 4, 3, 1 },
        { 16, 6, 0 },
    };

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public void Invalid_method_or_depth_is_corrupt(byte bitDepth, byte colorType, byte compression, byte filter, byte interlace)
    {
        var png = Png(PngFile.Header(Side, Side, bitDepth, colorType, compression, filter, interlace), bytesPerRow: 1 + (int)Side * 4);
        var e = Assert.Throws<ImageDecodeException>(() => ImageDecoder.ReadInfo(png));
        Assert.Equal(DecodeFailure.Corrupt, e.Failure);
        e = Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeGray(png, GrayMode.Mean, long.MaxValue).Dispose());
        Assert.Equal(DecodeFailure.Corrupt, e.Failure);
    }

    [Fact]
    public void The_message_names_the_methods()
    {
        var png = Png(PngFile.Header(Side, Side, 8, 2, compression: 1, filter: 0, interlace: 0), bytesPerRow: 16);
        var e = Assert.Throws<ImageDecodeException>(() => ImageDecoder.ReadInfo(png));
        Assert.Contains("compression method 1", e.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(GoodHeaders))]
    public void Valid_headers_are_read(byte bitDepth, byte colorType, byte interlace)
    {
        var png = Png(PngFile.Header(Side, Side, bitDepth, colorType, interlace: interlace), bytesPerRow: 16);
        var info = ImageDecoder.ReadInfo(png);
        Assert.Equal((ImageFormat.Png, (int)Side, (int)Side), (info.Format, info.Width, info.Height));
    }

    [Fact]
    public void Interlace_one_is_adam7_interlace_zero_is_not()
    {
        // The same pixels, stored both ways (Adam7's passes of a 5×5 gray image, rows filtered with None).
        var pixels = Enumerable.Range(0, 25).Select(i => (byte)(i * 10)).ToArray();
        var plain = Enumerable.Range(0, 5).SelectMany(y => new byte[] { 0 }.Concat(pixels.Skip(y * 5).Take(5))).ToArray();
        var passes = new List<byte>();
        foreach (var (x0, y0, dx, dy) in new[] { (0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2) })
        {
            for (var y = y0; y < 5; y += dy)
            {
                var row = Enumerable.Range(0, 5).Where(x => x >= x0 && (x - x0) % dx == 0).Select(x => pixels[(y * 5) + x]).ToList();
                if (row.Count > 0)
                {
                    passes.Add(0);
                    passes.AddRange(row);
                }
            }
        }

        using var interlaced = ImageDecoder.DecodeGray(PngFile.Build(PngFile.Header(Side, Side, 8, 0, interlace: 1), passes.ToArray()), GrayMode.Mean, long.MaxValue);
        using var progressive = ImageDecoder.DecodeGray(PngFile.Build(PngFile.Header(Side, Side, 8, 0), plain), GrayMode.Mean, long.MaxValue);
        Assert.Equal(pixels.Select(p => (double)p), interlaced.Pixels.ToArray());
        Assert.Equal(pixels.Select(p => (double)p), progressive.Pixels.ToArray());
    }

    private static byte[] Png(byte[] header, int bytesPerRow) => PngFile.Build(header, new byte[bytesPerRow * (int)Side]);
}
