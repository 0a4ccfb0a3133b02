using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace SparkImaging.Fuzz;

/// <summary>Writes PNG files chunk by chunk, with correct CRCs: for seeds, hostile inputs, re-wrapped image data and tests.</summary>
public static class PngFile
{
    /// <summary>The 8-byte PNG signature.</summary>
    public static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The 13 IHDR fields; the method bytes default to the only valid value, 0.</summary>
    public static byte[] Header(uint width, uint height, byte bitDepth, byte colorType, byte compression = 0, byte filter = 0, byte interlace = 0)
    {
        var fields = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(fields, width);
        BinaryPrimitives.WriteUInt32BigEndian(fields.AsSpan(4), height);
        fields[8] = bitDepth;
        fields[9] = colorType;
        fields[10] = compression;
        fields[11] = filter;
        fields[12] = interlace;
        return fields;
    }

    /// <summary>The signature, then the chunks in order (nothing added: an IEND is the caller's to give).</summary>
    public static byte[] Build(params (string Type, byte[] Body)[] chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        using var png = new MemoryStream();
        png.Write(Signature);
        foreach (var (type, body) in chunks)
        {
            WriteChunk(png, type, body);
        }

        return png.ToArray();
    }

    /// <summary>IHDR with <paramref name="ihdrFields"/>, one IDAT holding <paramref name="scanlines"/> deflated, IEND.</summary>
    public static byte[] Build(byte[] ihdrFields, byte[] scanlines) =>
        Build(("IHDR", ihdrFields), ("IDAT", Deflate(scanlines)), ("IEND", []));

    /// <summary>Length, type, body, CRC of type and body.</summary>
    public static void WriteChunk(Stream png, string type, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(png);
        ArgumentNullException.ThrowIfNull(type);
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)body.Length);
        png.Write(word);
        var name = System.Text.Encoding.Latin1.GetBytes(type);
        var crc = new Crc32();
        crc.Append(name);
        crc.Append(body);
        png.Write(name);
        png.Write(body);
        BinaryPrimitives.WriteUInt32BigEndian(word, crc.GetCurrentHashAsUInt32());
        png.Write(word);
    }

    /// <summary>A zlib stream of <paramref name="data"/> (.NET's zlib).</summary>
    public static byte[] Deflate(ReadOnlySpan<byte> data, CompressionLevel level = CompressionLevel.Optimal)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, level, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return compressed.ToArray();
    }

    /// <summary>The IDAT bodies our decoder reads: whole chunks, up to IEND.</summary>
    public static byte[] ImageData(ReadOnlySpan<byte> png)
    {
        using var data = new MemoryStream();
        for (var at = Signature.Length; at + 12 <= png.Length;)
        {
            var size = BinaryPrimitives.ReadUInt32BigEndian(png[at..]);
            if (size > int.MaxValue || at + 12 + (long)size > png.Length || png.Slice(at + 4, 4).SequenceEqual("IEND"u8))
            {
                break;
            }

            if (png.Slice(at + 4, 4).SequenceEqual("IDAT"u8))
            {
                data.Write(png.Slice(at + 8, (int)size));
            }

            at += 12 + (int)size;
        }

        return data.ToArray();
    }
}
