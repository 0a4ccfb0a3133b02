using System.Buffers.Binary;
using SparkImaging.Udfs.Imaging;

namespace SparkImaging.Udfs.Tests.Imaging;

/// <summary>Bad bytes fail with the named kind, and sizes are refused from the header.</summary>
public class HostileInputTests
{
    private const string Png = "png_rgb8.png";
    private const string Jpeg = "jpeg_baseline.jpg";
    private const string Png16 = "png_rgb16.png";

    [Fact]
    public void Empty_input_is_named_empty() =>
        AssertFails(DecodeFailure.Empty, []);

    [Fact]
    public void Text_is_an_unsupported_format() =>
        AssertFails(DecodeFailure.UnsupportedFormat, "this is not an image\n"u8.ToArray());

    [Theory]
    [InlineData(Png)]
    [InlineData(Jpeg)]
    [InlineData(Png16)]
    [InlineData("webp_lossless.webp")]
    [InlineData("gif_animated.gif")]
    public void Cut_in_half_is_truncated_or_corrupt_never_features(string file)
    {
        var bytes = Fixture(file);
        var e = Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeGray(bytes.AsSpan(0, bytes.Length / 2), GrayMode.Mean, long.MaxValue).Dispose());
        Assert.Contains(e.Failure, new[] { DecodeFailure.Truncated, DecodeFailure.Corrupt });
    }

    [Fact]
    public void Truncated_png_says_truncated() =>
        AssertFails(DecodeFailure.Truncated, Fixture(Png).AsSpan(0, Fixture(Png).Length - 200).ToArray());

    [Fact]
    public void Bit_flip_in_16_bit_png_data_fails_its_crc()
    {
        var bytes = Fixture(Png16);
        bytes[bytes.Length / 2] ^= 0x10;
        AssertFails(DecodeFailure.Corrupt, bytes);
    }

    [Theory]
    [InlineData(Png)]
    [InlineData(Png16)]
    public void Png_declaring_a_billion_pixels_is_refused_from_its_header(string file)
    {
        var bytes = Fixture(file);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(16), 40_000);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(20), 40_000);
        var e = Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeGray(bytes, GrayMode.Mean, 1_000_000).Dispose());
        Assert.Equal(DecodeFailure.TooManyPixels, e.Failure);
        Assert.StartsWith("too many pixels", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Limit_applies_to_every_format_from_the_header()
    {
        foreach (var file in Directory.GetFiles(TestPaths.DecodeFixtures).Where(f => !f.EndsWith(".npz", StringComparison.Ordinal) && !f.EndsWith(".json", StringComparison.Ordinal)))
        {
            var e = Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeGray(File.ReadAllBytes(file), GrayMode.Mean, 100).Dispose());
            Assert.Equal(DecodeFailure.TooManyPixels, e.Failure);
        }
    }

    [Fact]
    public void Random_bytes_behind_a_png_signature_are_corrupt_or_truncated()
    {
        var random = new Random(3);
        for (var trial = 0; trial < 50; trial++)
        {
            var bytes = new byte[random.Next(8, 400)];
            random.NextBytes(bytes);
            Fixture(Png).AsSpan(0, 8).CopyTo(bytes);
            var e = Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeGray(bytes, GrayMode.Mean, 1 << 20).Dispose());
            Assert.Contains(e.Failure, new[] { DecodeFailure.Truncated, DecodeFailure.Corrupt, DecodeFailure.TooManyPixels });
        }
    }

    [Fact]
    public void Jpeg_named_png_is_read_as_jpeg()
    {
        var info = ImageDecoder.ReadInfo(Fixture(Jpeg));
        Assert.Equal(ImageFormat.Jpeg, info.Format);
    }

    private static byte[] Fixture(string file) => File.ReadAllBytes(Path.Combine(TestPaths.DecodeFixtures, file));

    private static void AssertFails(DecodeFailure failure, byte[] bytes)
    {
        var e = Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeGray(bytes, GrayMode.Mean, long.MaxValue).Dispose());
        Assert.Equal(failure, e.Failure);
        Assert.StartsWith(ImageDecodeException.Name(failure), e.Reason, StringComparison.Ordinal);
    }
}
