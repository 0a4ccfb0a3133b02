using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace SparkImaging.Fuzz;

/// <summary>
/// Makes a mutated PNG's checksums right again, so that a mutation inside the image data reaches the inflater and
/// the unfilters instead of stopping at the first CRC (AFL's own advice for checksummed formats).
/// </summary>
public static class PngChecksums
{
    /// <summary>Largest inflated image data a repair looks at (the fuzz targets' pixel limit keeps images smaller).</summary>
    private const int MaxInflated = 1 << 22;

    /// <summary>
    /// In place: the Adler-32 of the zlib stream (taken to end with the image data, as encoders write it) when the rest
    /// inflates, then the CRC of every whole chunk. Not a PNG: left alone.
    /// </summary>
    public static void Repair(Span<byte> png)
    {
        if (!png.StartsWith(PngFile.Signature))
        {
            return;
        }

        RepairAdler(png);
        foreach (var (at, length) in Chunks(png))
        {
            var crc = Crc32.HashToUInt32(png.Slice(at + 4, 4 + length));
            BinaryPrimitives.WriteUInt32BigEndian(png[(at + 8 + length)..], crc);
        }
    }

    /// <summary>Start and body length of each chunk that fits in the file, IEND included.</summary>
    private static List<(int At, int Length)> Chunks(ReadOnlySpan<byte> png)
    {
        var chunks = new List<(int, int)>();
        var at = PngFile.Signature.Length;
        while (at + 12 <= png.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(png[at..]);
            if (length > int.MaxValue || at + 12 + (long)length > png.Length)
            {
                break;
            }

            chunks.Add((at, (int)length));
            at += 12 + (int)length;
        }

        return chunks;
    }

    private static void RepairAdler(Span<byte> png)
    {
        var idat = new List<(int At, int Length)>();
        foreach (var chunk in Chunks(png))
        {
            if (png.Slice(chunk.At + 4, 4).SequenceEqual("IDAT"u8))
            {
                idat.Add(chunk);
            }
        }

        using var data = new MemoryStream();
        foreach (var (at, length) in idat)
        {
            data.Write(png.Slice(at + 8, length));
        }

        if (data.Length < 6)
        {
            return;
        }

        // Raw deflate after the 2-byte zlib header, up to the last 4 bytes (the checksum's place).
        var stream = data.GetBuffer().AsMemory(2, (int)data.Length - 6);
        var inflated = new byte[MaxInflated];
        var filled = 0;
        try
        {
            using var deflate = new DeflateStream(new MemoryStream(stream.ToArray()), CompressionMode.Decompress);
            int read;
            while (filled < inflated.Length && (read = deflate.Read(inflated, filled, inflated.Length - filled)) > 0)
            {
                filled += read;
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return; // not inflatable: the decoders fail before the checksum matters
        }

        Span<byte> adler = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(adler, Adler32(inflated.AsSpan(0, filled)));

        // The checksum's 4 bytes may span the last IDAT chunks: write them back to front.
        var remaining = 4;
        for (var c = idat.Count - 1; c >= 0 && remaining > 0; c--)
        {
            var (at, length) = idat[c];
            var take = Math.Min(remaining, length);
            adler.Slice(remaining - take, take).CopyTo(png.Slice(at + 8 + length - take, take));
            remaining -= take;
        }
    }

    /// <summary>Adler-32 the plain way (RFC 1950 §9): the harness does not trust the decoder's.</summary>
    public static uint Adler32(ReadOnlySpan<byte> data)
    {
        uint a = 1, b = 0;
        foreach (var value in data)
        {
            a = (a + value) % 65521;
            b = (b + a) % 65521;
        }

        return (b << 16) | a;
    }
}
