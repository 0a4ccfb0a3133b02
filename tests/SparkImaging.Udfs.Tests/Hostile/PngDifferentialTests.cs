using System.Buffers.Binary;
using SparkImaging.Fuzz;
using SparkImaging.Udfs.Imaging;

namespace SparkImaging.Udfs.Tests.Hostile;

/// <summary>
/// Where our PNG decoder and SkiaSharp (libpng) differ on purpose (<see cref="PngDifference"/>, docs/fuzzing.md),
/// each shown on a file, and shown to be accepted by the differential target and only for that reason.
/// </summary>
public class PngDifferentialTests
{
    private const int Width = 24;
    private const int Height = 10;

    [Fact]
    public void Every_png_fixture_decodes_alike()
    {
        foreach (var file in Directory.GetFiles(TestPaths.DecodeFixtures, "*.png"))
        {
            PngDifferentialTarget.Run(File.ReadAllBytes(file));
        }
    }

    [Theory]
    [InlineData("png_gray16.png")]
    [InlineData("png_rgb16.png")]
    [InlineData("png_rgba16.png")]
    public void Sixteen_bit_pngs_are_within_one_level_of_libpngs_high_bytes(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestPaths.DecodeFixtures, file));
        using var ours = ImageDecoder.DecodeGray(bytes, GrayMode.Mean, long.MaxValue);
        using var skia = ImageDecoder.DecodeWithSkia(bytes, GrayMode.Mean);
        var differences = ours.Pixels.ToArray().Zip(skia.Pixels.ToArray(), (o, s) => Math.Abs((o / 257) - s)).ToList();
        Assert.True(differences.Max() < 1, $"{differences.Max()} levels apart");
        Assert.True(differences.Max() > 0.5, "libpng rounds after all: the tolerance can shrink to half a level");
    }

    [Theory]
    [InlineData("ABCD")] // an unknown critical chunk
    [InlineData("ab1d")] // not four letters
    public void A_chunk_libpng_refuses_is_skipped_by_ours(string type)
    {
        var png = Insert(Valid(), afterIhdr: (type, [1, 2, 3]));
        using var ours = ImageDecoder.DecodeGray(png, GrayMode.Mean, long.MaxValue);
        Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeWithSkia(png, GrayMode.Mean).Dispose());
        Assert.True(PngDifference.OutsideScanlines(png, ours, oursDecoded: true));
        PngDifferentialTarget.Run(png);
    }

    [Fact]
    public void A_file_cut_in_the_last_image_chunk_is_truncated_for_ours_libpng_has_every_row()
    {
        var valid = Valid();
        var png = valid[..(valid.Length - 12 - 2)]; // IEND gone, and two bytes of the IDAT's CRC
        var e = Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeGray(png, GrayMode.Mean, long.MaxValue).Dispose());
        Assert.Equal(DecodeFailure.Truncated, e.Failure);
        using var skia = ImageDecoder.DecodeWithSkia(png, GrayMode.Mean);
        Assert.True(PngDifference.OutsideScanlines(png, skia, oursDecoded: false));
        Assert.True(PngDifference.InflaterAllows(png, e));
        PngDifferentialTarget.Run(png);
    }

    [Fact]
    public void A_wrong_adler32_is_refused_by_both()
    {
        var png = Valid();
        png[png.Length - 12 - 4 - 1] ^= 0x01; // the checksum's last byte ends the IDAT body, before its CRC and IEND
        FixCrcs(png);
        var e = Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeGray(png, GrayMode.Mean, long.MaxValue).Dispose());
        Assert.Contains("Adler-32", e.Reason, StringComparison.Ordinal);
        Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeWithSkia(png, GrayMode.Mean).Dispose()); // libpng reads it too
        PngDifferentialTarget.Run(png);
    }

    [Fact]
    public void Different_pixels_are_never_explained()
    {
        var png = Valid();
        using var ours = ImageDecoder.DecodeGray(png, GrayMode.Mean, long.MaxValue);
        ours.Pixels[3] += 1;
        Assert.False(PngDifference.OutsideScanlines(png, ours, oursDecoded: true));
    }

    [Fact]
    public void A_bad_filter_byte_is_not_outside_the_scanlines()
    {
        var scanlines = Scanlines();
        scanlines[(Width * 3) + 1] = 9; // the second row's filter byte
        var png = PngFile.Build(PngFile.Header(Width, Height, 8, 2), scanlines);
        Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeGray(png, GrayMode.Mean, long.MaxValue).Dispose());
        Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeWithSkia(png, GrayMode.Mean).Dispose());
        PngDifferentialTarget.Run(png); // both refuse: nothing to explain
    }

    /// <summary>RGB, every row filtered with a different filter over a noisy ramp.</summary>
    private static byte[] Scanlines()
    {
        var random = new Random(15);
        var stride = 1 + (Width * 3);
        var scanlines = new byte[Height * stride];
        for (var y = 0; y < Height; y++)
        {
            scanlines[y * stride] = (byte)(y % 5);
            for (var x = 1; x < stride; x++)
            {
                scanlines[(y * stride) + x] = (byte)random.Next(256);
            }
        }

        return scanlines;
    }

    private static byte[] Valid() => PngFile.Build(PngFile.Header(Width, Height, 8, 2), Scanlines());

    private static byte[] Insert(byte[] png, (string Type, byte[] Body) afterIhdr)
    {
        using var chunk = new MemoryStream();
        PngFile.WriteChunk(chunk, afterIhdr.Type, afterIhdr.Body);
        var at = PngFile.Signature.Length + 25;
        return [.. png.AsSpan(0, at), .. chunk.ToArray(), .. png.AsSpan(at)];
    }

    private static void FixCrcs(byte[] png)
    {
        for (var at = PngFile.Signature.Length; at + 12 <= png.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at));
            BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(at + 8 + length), System.IO.Hashing.Crc32.HashToUInt32(png.AsSpan(at + 4, 4 + length)));
            at += 12 + length;
        }
    }
}
