using System.IO.Compression;
using SparkImaging.Udfs.Imaging;

namespace SparkImaging.Udfs.Tests.Imaging;

/// <summary>
/// Our inflate against .NET's zlib on data shaped to reach every path (stored, fixed and dynamic blocks, second-level
/// tables, paired literals, every match distance class), and hand-made streams for each way a stream can be broken.
/// </summary>
public class ZlibInflaterTests
{
    public static TheoryData<string, int, CompressionLevel> Cases()
    {
        var cases = new TheoryData<string, int, CompressionLevel>();
        foreach (var kind in new[] { "random", "skewed", "runs", "periods", "far_repeats", "image_rows" })
        {
            foreach (var size in new[] { 1, 2, 257, 70_001, 400_000 })
            {
                foreach (var level in new[] { CompressionLevel.NoCompression, CompressionLevel.Fastest, CompressionLevel.Optimal, CompressionLevel.SmallestSize })
                {
                    cases.Add(kind, size, level);
                }
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Inflates_what_zlib_deflated(string kind, int size, CompressionLevel level)
    {
        var data = Data(kind, size);
        Assert.Equal(data, Inflate(Deflate(data, level), data.Length, out var verified));
        Assert.True(verified);
    }

    [Fact]
    public void Flushed_stream_ending_in_an_empty_block_is_checked()
    {
        // A sync flush after the data, then the final block empty: how streaming encoders end.
        var data = Data("image_rows", 10_000);
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal))
        {
            zlib.Write(data);
            zlib.Flush();
        }

        Assert.Equal(data, Inflate(output.ToArray(), data.Length, out var verified));
        Assert.True(verified);
    }

    [Fact]
    public void Long_codes_use_second_level_tables()
    {
        // Symbol frequencies falling by half: literal codes up to 15 bits, far over the 11-bit first level.
        var random = new Random(5);
        var data = new byte[200_000];
        for (var i = 0; i < data.Length; i++)
        {
            var symbol = 0;
            while (symbol < 40 && random.Next(2) == 0)
            {
                symbol++;
            }

            data[i] = (byte)(symbol * 6);
        }

        Assert.Equal(data, Inflate(Deflate(data, CompressionLevel.SmallestSize), data.Length));
    }

    [Fact]
    public void Data_after_the_image_is_ignored()
    {
        var data = Data("image_rows", 50_000);
        Assert.Equal(data[..40_000], Inflate(Deflate(data, CompressionLevel.Optimal), 40_000, out var verified));
        Assert.False(verified);
    }

    [Fact]
    public void Every_cut_before_the_checksum_is_truncated()
    {
        var data = Data("image_rows", 30_000);
        var stream = Deflate(data, CompressionLevel.Optimal);
        for (var length = 0; length < stream.Length - 4; length += Math.Max(1, stream.Length / 97))
        {
            AssertFails(DecodeFailure.Truncated, stream[..length], data.Length);
        }
    }

    [Fact]
    public void Flipped_bits_fail_or_change_nothing_that_the_checksum_covers()
    {
        // A flip that makes the stream longer than the image leaves nothing to check it against (libpng alike); in a
        // PNG the chunk CRC catches it. Every other outcome is a named failure or the original data.
        var unverified = 0;
        var data = Data("image_rows", 20_000);
        var stream = Deflate(data, CompressionLevel.Optimal);
        var random = new Random(11);
        for (var trial = 0; trial < 300; trial++)
        {
            var broken = (byte[])stream.Clone();
            broken[random.Next(broken.Length)] ^= (byte)(1 << random.Next(8));
            try
            {
                var output = Inflate(broken, data.Length, out var verified);
                if (verified)
                {
                    Assert.Equal(data, output);
                }
                else
                {
                    unverified++;
                }
            }
            catch (ImageDecodeException e)
            {
                Assert.Contains(e.Failure, new[] { DecodeFailure.Corrupt, DecodeFailure.Truncated });
            }
        }

        Assert.True(unverified < 30, $"{unverified} of 300 flips went unverified");
    }

    [Fact]
    public void Wrong_checksum_is_corrupt()
    {
        var data = Data("random", 1_000);
        var stream = Deflate(data, CompressionLevel.Optimal);
        stream[^1] ^= 1;
        Assert.Contains("Adler-32", AssertFails(DecodeFailure.Corrupt, stream, data.Length).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x79, 0x01 }, "zlib header")] // CINFO 7 with method 9
    [InlineData(new byte[] { 0x78, 0x02 }, "zlib header")] // check bits wrong
    [InlineData(new byte[] { 0x78, 0xBB }, "preset dictionary")]
    public void Bad_headers_are_corrupt(byte[] header, string named)
    {
        var stream = header.Concat(new byte[] { 0x03, 0x00, 0, 0, 0, 1 }).ToArray();
        Assert.Contains(named, AssertFails(DecodeFailure.Corrupt, stream, 0).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Reserved_block_type_is_corrupt()
    {
        var bits = new BitWriter();
        bits.Write(1, 1);
        bits.Write(3, 2);
        Assert.Contains("reserved type", AssertFails(DecodeFailure.Corrupt, bits.ToZlib(), 10).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Over_subscribed_code_is_corrupt()
    {
        // A dynamic block whose 19 code-length codes are all one bit long.
        var bits = new BitWriter();
        bits.Write(1, 1);
        bits.Write(2, 2);
        bits.Write(0, 5);
        bits.Write(0, 5);
        bits.Write(15, 4);
        for (var i = 0; i < 19; i++)
        {
            bits.Write(1, 3);
        }

        Assert.Contains("over-subscribed", AssertFails(DecodeFailure.Corrupt, bits.ToZlib(), 10).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Distance_before_the_start_is_corrupt()
    {
        // Fixed codes: literal 'a', then a match of length 3 at distance 2 with one byte written so far.
        var bits = new BitWriter();
        bits.Write(1, 1);
        bits.Write(1, 2);
        bits.WriteCode(0x30 + 'a', 8);
        bits.WriteCode(1, 7); // symbol 257: length 3
        bits.WriteCode(1, 5); // distance code 1: distance 2
        bits.WriteCode(0, 7); // end of block
        Assert.Contains("before the start", AssertFails(DecodeFailure.Corrupt, bits.ToZlib(), 4).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Fixed_codes_decode_a_hand_made_stream()
    {
        // 'a', then a match of length 3 at distance 1: "aaaa".
        var bits = new BitWriter();
        bits.Write(1, 1);
        bits.Write(1, 2);
        bits.WriteCode(0x30 + 'a', 8);
        bits.WriteCode(1, 7);
        bits.WriteCode(0, 5);
        bits.WriteCode(0, 7);
        Assert.Equal("aaaa"u8.ToArray(), Inflate(bits.ToZlib("aaaa"u8.ToArray()), 4));
    }

    [Fact]
    public void Stored_block_with_a_bad_length_check_is_corrupt()
    {
        var stream = new byte[] { 0x78, 0x01, 0x01, 0x05, 0x00, 0xFA, 0xFE, 1, 2, 3, 4, 5, 0, 0, 0, 0 };
        Assert.Contains("stored block", AssertFails(DecodeFailure.Corrupt, stream, 5).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_padding_or_slack_is_refused()
    {
        var stream = Deflate([1, 2, 3], CompressionLevel.Optimal);
        Assert.Throws<ArgumentException>(() => ZlibInflater.Inflate(stream, stream.Length, new byte[3 + ZlibInflater.OutputSlack], 3));
        var padded = new byte[stream.Length + ZlibInflater.InputPadding];
        stream.CopyTo(padded, 0);
        Assert.Throws<ArgumentException>(() => ZlibInflater.Inflate(padded, stream.Length, new byte[3], 3));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(31, 0)]
    [InlineData(5552, 0)]
    [InlineData(5553, 0)]
    [InlineData(100_000, 0)]
    [InlineData(100_000, 0xFF)] // the largest sums a block can hold
    public void Adler32_matches_the_definition(int size, byte fill)
    {
        var data = fill == 0 ? Data("random", size) : Enumerable.Repeat(fill, size).ToArray();
        uint a = 1, b = 0;
        foreach (var value in data)
        {
            a = (a + value) % 65521;
            b = (b + a) % 65521;
        }

        Assert.Equal((b << 16) | a, Adler32.Compute(data));
    }

    internal static byte[] Deflate(byte[] data, CompressionLevel level)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, level))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }

    private static byte[] Inflate(byte[] stream, int wanted) => Inflate(stream, wanted, out _);

    private static byte[] Inflate(byte[] stream, int wanted, out bool verified)
    {
        var padded = new byte[stream.Length + ZlibInflater.InputPadding];
        stream.CopyTo(padded, 0);
        var output = new byte[wanted + ZlibInflater.OutputSlack];
        verified = ZlibInflater.Inflate(padded, stream.Length, output, wanted);
        return output[..wanted];
    }

    private static ImageDecodeException AssertFails(DecodeFailure failure, byte[] stream, int wanted)
    {
        var e = Assert.Throws<ImageDecodeException>(() => Inflate(stream, wanted));
        Assert.Equal(failure, e.Failure);
        return e;
    }

    private static byte[] Data(string kind, int size)
    {
        var random = new Random(size + kind.Length);
        var data = new byte[size];
        switch (kind)
        {
            case "random":
                random.NextBytes(data);
                break;
            case "skewed":
                for (var i = 0; i < size; i++)
                {
                    data[i] = (byte)Math.Min(255, (int)(-12 * Math.Log(1 - random.NextDouble())));
                }

                break;
            case "runs":
                for (var i = 0; i < size;)
                {
                    var value = (byte)random.Next(4);
                    for (var n = random.Next(1, 300); n > 0 && i < size; n--)
                    {
                        data[i++] = value;
                    }
                }

                break;
            case "periods":
                for (var i = 0; i < size; i++)
                {
                    var period = 2 + ((i / 997) % 6);
                    data[i] = i < period ? (byte)random.Next(256) : (byte)(data[i - period] ^ (random.Next(50) == 0 ? 1 : 0));
                }

                break;
            case "far_repeats":
                for (var i = 0; i < size; i++)
                {
                    data[i] = i < 30_000 || random.Next(20) == 0 ? (byte)random.Next(256) : data[i - 30_000 + random.Next(3)];
                }

                break;
            default: // image_rows: smooth shading plus noise, as PNG rows after filtering look
                for (var i = 0; i < size; i++)
                {
                    data[i] = (byte)((i % 512 / 3) + (i / 2048) + random.Next(8));
                }

                break;
        }

        return data;
    }

    /// <summary>Deflate bits, least significant first; Huffman codes most significant bit first.</summary>
    private sealed class BitWriter
    {
        private readonly List<byte> bytes = [0x78, 0x01];
        private int used = 8;

        public void Write(int value, int count)
        {
            for (var i = 0; i < count; i++)
            {
                if (used == 8)
                {
                    bytes.Add(0);
                    used = 0;
                }

                bytes[^1] |= (byte)(((value >> i) & 1) << used++);
            }
        }

        public void WriteCode(int code, int length)
        {
            for (var i = length - 1; i >= 0; i--)
            {
                Write((code >> i) & 1, 1);
            }
        }

        public byte[] ToZlib(byte[]? content = null)
        {
            var checksum = Adler32.Compute(content ?? []);
            return [.. bytes, (byte)(checksum >> 24), (byte)(checksum >> 16), (byte)(checksum >> 8), (byte)checksum];
        }
    }
}
