using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using SparkImaging.Udfs.Imaging;

namespace SparkImaging.Udfs.Tests.Imaging;

/// <summary>
/// The managed PNG path on PNGs written here with every row filter, so the expected gray comes straight from the
/// pixels: each colour type it takes at 8 and 16 bits, odd widths (the vector filters' scalar tails), one-pixel rows,
/// image data split over many IDAT chunks, and the chunk rules (critical CRCs, ancillary chunks, a missing IEND).
/// </summary>
public class PngDecoderTests
{
    private const int Width = 37;
    private const int Height = 23;

    public static TheoryData<int, int, int> Layouts()
    {
        var layouts = new TheoryData<int, int, int>();
        foreach (var (colorType, bitDepth) in new[] { (0, 8), (2, 8), (6, 8), (0, 16), (2, 16), (4, 16), (6, 16) })
        {
            foreach (var width in new[] { 1, 2, Width })
            {
                layouts.Add(colorType, bitDepth, width);
            }
        }

        return layouts;
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Every_filter_decodes_to_the_pixels_gray(int colorType, int bitDepth, int width)
    {
        var samples = Samples(colorType, bitDepth, width, seed: colorType + bitDepth + width);
        foreach (var mode in new[] { GrayMode.Mean, GrayMode.Luma })
        {
            for (var filter = 0; filter <= 5; filter++) // 5: a different filter on each row
            {
                var png = Encode(samples, colorType, bitDepth, width, filter, idatSize: 1 << 20);
                using var image = ImageDecoder.DecodeGray(png, mode, long.MaxValue);
                Assert.Equal(ExpectedGray(samples, colorType, bitDepth, width, mode), image.Pixels.ToArray());
            }
        }
    }

    [Fact]
    public void Image_data_split_over_many_chunks_with_ancillary_chunks_between()
    {
        var samples = Samples(2, 8, Width, seed: 1);
        var png = Encode(samples, 2, 8, Width, filter: 5, idatSize: 7, ancillary: true);
        using var image = ImageDecoder.DecodeGray(png, GrayMode.Mean, long.MaxValue);
        Assert.Equal(ExpectedGray(samples, 2, 8, Width, GrayMode.Mean), image.Pixels.ToArray());
    }

    [Fact]
    public void Ancillary_chunk_with_a_bad_crc_is_ignored_a_critical_one_is_corrupt()
    {
        var samples = Samples(6, 8, Width, seed: 2);
        var png = Encode(samples, 6, 8, Width, filter: 5, idatSize: 1 << 20, ancillary: true);
        var text = png.AsSpan().IndexOf("tEXt"u8);
        png[text + 6] ^= 0x40; // inside the text, so its CRC fails
        using (var image = ImageDecoder.DecodeGray(png, GrayMode.Mean, long.MaxValue))
        {
            Assert.Equal(ExpectedGray(samples, 6, 8, Width, GrayMode.Mean), image.Pixels.ToArray());
        }

        var idat = png.AsSpan().IndexOf("IDAT"u8);
        png[idat + 10] ^= 0x01;
        var e = Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeGray(png, GrayMode.Mean, long.MaxValue).Dispose());
        Assert.Equal(DecodeFailure.Corrupt, e.Failure);
        Assert.Contains("IDAT", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_iend_is_fine_missing_rows_are_truncated()
    {
        var samples = Samples(2, 8, Width, seed: 3);
        var png = Encode(samples, 2, 8, Width, filter: 4, idatSize: 100);
        using (var image = ImageDecoder.DecodeGray(png.AsSpan(0, png.Length - 12), GrayMode.Mean, long.MaxValue))
        {
            Assert.Equal(ExpectedGray(samples, 2, 8, Width, GrayMode.Mean), image.Pixels.ToArray());
        }

        var e = Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeGray(png.AsSpan(0, png.Length - 200), GrayMode.Mean, long.MaxValue).Dispose());
        Assert.Equal(DecodeFailure.Truncated, e.Failure);
    }

    [Fact]
    public void Invalid_filter_type_is_corrupt()
    {
        var samples = Samples(0, 8, Width, seed: 4);
        var png = Encode(samples, 0, 8, Width, filter: 0, idatSize: 1 << 20, rowFilterOverride: 7);
        var e = Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeGray(png, GrayMode.Mean, long.MaxValue).Dispose());
        Assert.Equal(DecodeFailure.Corrupt, e.Failure);
        Assert.Contains("filter 7", e.Reason, StringComparison.Ordinal);
    }

    private static int Channels(int colorType) => colorType switch { 0 => 1, 2 => 3, 4 => 2, _ => 4 };

    private static int[] Samples(int colorType, int bitDepth, int width, int seed)
    {
        // Smooth ramps with noise and a few saturated runs: every filter's predictions get exercised, 0 and max too.
        var random = new Random(seed);
        var max = (1 << bitDepth) - 1;
        var channels = Channels(colorType);
        var samples = new int[Height * width * channels];
        for (var i = 0; i < samples.Length; i++)
        {
            var pixel = i / channels;
            var ramp = ((pixel % width * 7) + (pixel / width * 11) + (i % channels * 50)) * max / 600;
            samples[i] = random.Next(10) switch
            {
                0 => 0,
                1 => max,
                _ => Math.Clamp(ramp + random.Next(-max / 20, max / 20 + 1), 0, max),
            };
        }

        return samples;
    }

    private static double[] ExpectedGray(int[] samples, int colorType, int bitDepth, int width, GrayMode mode)
    {
        var channels = Channels(colorType);
        var gray = new double[Height * width];
        for (var p = 0; p < gray.Length; p++)
        {
            double r = samples[p * channels], g, b;
            if (channels < 3)
            {
                gray[p] = r;
                continue;
            }

            g = samples[(p * channels) + 1];
            b = samples[(p * channels) + 2];
            gray[p] = mode == GrayMode.Mean ? (r + g + b) / 3.0 : (0.2125 * r) + (0.7154 * g) + (0.0721 * b);
        }

        return gray;
    }

    /// <summary>filter 0–4: that filter on every row; 5: row y gets filter y mod 5.</summary>
    private static byte[] Encode(int[] samples, int colorType, int bitDepth, int width, int filter, int idatSize, bool ancillary = false, int? rowFilterOverride = null)
    {
        var bytesPerSample = bitDepth / 8;
        var bytesPerPixel = Channels(colorType) * bytesPerSample;
        var stride = width * bytesPerPixel;
        var rows = new byte[Height][];
        for (var y = 0; y < Height; y++)
        {
            rows[y] = new byte[stride];
            for (var i = 0; i < stride / bytesPerSample; i++)
            {
                var value = samples[(y * stride / bytesPerSample) + i];
                if (bytesPerSample == 2)
                {
                    BinaryPrimitives.WriteUInt16BigEndian(rows[y].AsSpan(2 * i), (ushort)value);
                }
                else
                {
                    rows[y][i] = (byte)value;
                }
            }
        }

        var raw = new MemoryStream();
        var zero = new byte[stride];
        for (var y = 0; y < Height; y++)
        {
            var type = filter == 5 ? y % 5 : filter;
            var up = y > 0 ? rows[y - 1] : zero;
            raw.WriteByte((byte)(rowFilterOverride ?? type));
            for (var i = 0; i < stride; i++)
            {
                int left = i >= bytesPerPixel ? rows[y][i - bytesPerPixel] : 0, above = up[i], upLeft = i >= bytesPerPixel ? up[i - bytesPerPixel] : 0;
                var prediction = type switch
                {
                    1 => left,
                    2 => above,
                    3 => (left + above) / 2,
                    4 => Paeth(left, above, upLeft),
                    _ => 0,
                };
                raw.WriteByte((byte)(rows[y][i] - prediction));
            }
        }

        var compressed = ZlibInflaterTests.Deflate(raw.ToArray(), CompressionLevel.Optimal);
        var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), Height);
        header[8] = (byte)bitDepth;
        header[9] = (byte)colorType;
        Chunk(png, "IHDR", header);
        if (ancillary)
        {
            Chunk(png, "tEXt", "Comment\0written by the tests"u8.ToArray());
        }

        for (var at = 0; at < compressed.Length; at += idatSize)
        {
            Chunk(png, "IDAT", compressed.AsSpan(at, Math.Min(idatSize, compressed.Length - at)).ToArray());
            if (ancillary)
            {
                Chunk(png, "zzZz", [1, 2, 3]);
            }
        }

        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(MemoryStream png, string type, byte[] body)
    {
        var typed = new byte[4 + body.Length];
        System.Text.Encoding.ASCII.GetBytes(type, typed);
        body.CopyTo(typed, 4);
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, body.Length);
        png.Write(length);
        png.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.HashToUInt32(typed));
        png.Write(crc);
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
