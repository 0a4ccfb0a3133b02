using System.Buffers.Binary;
using System.IO.Compression;
using SkiaSharp;

namespace SparkImaging.Fuzz;

/// <summary>
/// Builds small hostile images byte by byte: decompression bombs (huge declared sizes in tiny files) for every
/// format, tiny valid images, and an EXIF-rotated JPEG.
/// </summary>
public static class HostileImages
{
    /// <summary>PNG whose IHDR declares <paramref name="width"/>×<paramref name="height"/> with a valid CRC, a few bytes of IDAT.</summary>
    public static byte[] PngBomb(uint width, uint height) =>
        PngFile.Build(("IHDR", PngFile.Header(width, height, bitDepth: 8, colorType: 2)), ("IDAT", PngFile.Deflate(new byte[64])), ("IEND", []));

    /// <summary>A JPEG with its SOF size fields (baseline or progressive) replaced.</summary>
    public static byte[] JpegWithSize(byte[] jpeg, ushort width, ushort height)
    {
        ArgumentNullException.ThrowIfNull(jpeg);
        var bytes = (byte[])jpeg.Clone();
        for (var i = 2; i + 9 < bytes.Length; i++)
        {
            if (bytes[i] == 0xFF && bytes[i + 1] is 0xC0 or 0xC1 or 0xC2)
            {
                // FF Cn, length (2), precision (1), height (2), width (2).
                BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(i + 5), height);
                BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(i + 7), width);
                return bytes;
            }
        }

        throw new ArgumentException("No SOF marker in the JPEG.", nameof(jpeg));
    }

    /// <summary>A two-colour GIF with the given logical screen and one image descriptor of the given size, one LZW block.</summary>
    public static byte[] GifBomb(ushort screenWidth, ushort screenHeight, ushort frameWidth, ushort frameHeight)
    {
        using var gif = new MemoryStream();
        gif.Write("GIF89a"u8);
        WriteUInt16LittleEndian(gif, screenWidth);
        WriteUInt16LittleEndian(gif, screenHeight);
        gif.Write([0x80, 0, 0]); // global colour table of 2 entries, background 0, no aspect
        gif.Write([0, 0, 0, 255, 255, 255]);
        gif.WriteByte(0x2C); // image descriptor
        WriteUInt16LittleEndian(gif, 0);
        WriteUInt16LittleEndian(gif, 0);
        WriteUInt16LittleEndian(gif, frameWidth);
        WriteUInt16LittleEndian(gif, frameHeight);
        gif.WriteByte(0);
        gif.Write([2, 2, 0x4C, 0x01, 0, 0x3B]); // LZW minimum code size 2, one sub-block, terminator, trailer
        return gif.ToArray();
    }

    /// <summary>A 24-bit BMP whose BITMAPINFOHEADER declares the size (negative height: top-down), with 16 pixel bytes.</summary>
    public static byte[] BmpBomb(int width, int height)
    {
        var bmp = new byte[54 + 16];
        "BM"u8.CopyTo(bmp);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(2), bmp.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), height);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(28), 24);
        return bmp;
    }

    /// <summary>A lossless WebP (VP8L) header declaring the size (at most 16384×16384), then a few bytes.</summary>
    public static byte[] WebPLosslessBomb(int width, int height)
    {
        var payload = new byte[5 + 8];
        payload[0] = 0x2F;
        BinaryPrimitives.WriteUInt32LittleEndian(payload.AsSpan(1), (uint)(width - 1) | ((uint)(height - 1) << 14));
        return Riff(Chunk("VP8L", payload));
    }

    /// <summary>A lossy WebP (VP8) key frame header declaring the size (at most 16383×16383), then a few bytes.</summary>
    public static byte[] WebPLossyBomb(int width, int height)
    {
        var payload = new byte[10 + 16];
        // Frame tag: key frame, version 0, shown, first partition of 16 bytes.
        var tag = 0u | (1u << 4) | (16u << 5);
        payload[0] = (byte)tag;
        payload[1] = (byte)(tag >> 8);
        payload[2] = (byte)(tag >> 16);
        payload[3] = 0x9D;
        payload[4] = 0x01;
        payload[5] = 0x2A;
        BinaryPrimitives.WriteUInt16LittleEndian(payload.AsSpan(6), (ushort)width);
        BinaryPrimitives.WriteUInt16LittleEndian(payload.AsSpan(8), (ushort)height);
        return Riff(Chunk("VP8 ", payload));
    }

    /// <summary>An extended WebP (VP8X) whose canvas and lossless frame declare the size (at most 16384×16384).</summary>
    public static byte[] WebPExtendedBomb(int canvasWidth, int canvasHeight)
    {
        var header = new byte[10];
        WriteUInt24LittleEndian(header.AsSpan(4), canvasWidth - 1);
        WriteUInt24LittleEndian(header.AsSpan(7), canvasHeight - 1);
        var frame = WebPLosslessBomb(canvasWidth, canvasHeight)[12..];
        return Riff([.. Chunk("VP8X", header), .. frame]);
    }

    /// <summary>
    /// A TIFF with its ImageWidth and ImageLength tags replaced by LONG values; with <paramref name="oneStrip"/>,
    /// RowsPerStrip becomes the height too, so the header stays consistent (one strip, as listed).
    /// </summary>
    public static byte[] TiffWithSize(byte[] tiff, uint width, uint height, bool oneStrip = true)
    {
        ArgumentNullException.ThrowIfNull(tiff);
        var bytes = (byte[])tiff.Clone();
        var little = bytes[0] == (byte)'I';
        var ifd = (int)ReadUInt32(bytes, 4, little);
        int entries = ReadUInt16(bytes, ifd, little);
        for (var e = 0; e < entries; e++)
        {
            var at = ifd + 2 + (12 * e);
            var tag = ReadUInt16(bytes, at, little);
            if (tag is 256 or 257 || (tag == 278 && oneStrip))
            {
                WriteUInt16(bytes, at + 2, 4, little); // LONG
                WriteUInt32(bytes, at + 4, 1, little);
                WriteUInt32(bytes, at + 8, tag == 256 ? width : height, little);
            }
        }

        return bytes;
    }

    /// <summary>A PNG of a deterministic gray-and-colour pattern.</summary>
    public static byte[] Encode(int width, int height, SKEncodedImageFormat format, int quality = 90)
    {
        using var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)(x * 37), (byte)(y * 53), (byte)((x ^ y) * 29)));
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }

    /// <summary>A JPEG with an EXIF APP1 segment right after SOI whose Orientation tag is <paramref name="orientation"/>.</summary>
    public static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        ArgumentNullException.ThrowIfNull(jpeg);
        // "Exif\0\0", big-endian TIFF header, one IFD with one SHORT entry (0x0112), no next IFD.
        byte[] exif =
        [
            (byte)'E', (byte)'x', (byte)'i', (byte)'f', 0, 0,
            (byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8,
            0, 1,
            0x01, 0x12, 0, 3, 0, 0, 0, 1, (byte)(orientation >> 8), (byte)orientation, 0, 0,
            0, 0, 0, 0,
        ];
        var length = (ushort)(exif.Length + 2);
        return [.. jpeg.AsSpan(0, 2), 0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. exif, .. jpeg.AsSpan(2)];
    }

    private static byte[] Riff(byte[] chunks)
    {
        var riff = new byte[12 + chunks.Length];
        "RIFF"u8.CopyTo(riff);
        BinaryPrimitives.WriteUInt32LittleEndian(riff.AsSpan(4), (uint)(4 + chunks.Length));
        "WEBP"u8.CopyTo(riff.AsSpan(8));
        chunks.CopyTo(riff, 12);
        return riff;
    }

    private static byte[] Chunk(string fourCc, byte[] payload)
    {
        var chunk = new byte[8 + payload.Length + (payload.Length & 1)];
        System.Text.Encoding.ASCII.GetBytes(fourCc).CopyTo(chunk, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), (uint)payload.Length);
        payload.CopyTo(chunk, 8);
        return chunk;
    }

    private static void WriteUInt16LittleEndian(Stream stream, ushort value)
    {
        stream.WriteByte((byte)value);
        stream.WriteByte((byte)(value >> 8));
    }

    private static void WriteUInt24LittleEndian(Span<byte> span, int value)
    {
        span[0] = (byte)value;
        span[1] = (byte)(value >> 8);
        span[2] = (byte)(value >> 16);
    }

    private static ushort ReadUInt16(byte[] bytes, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at)) : BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(at));

    private static uint ReadUInt32(byte[] bytes, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at)) : BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at));

    private static void WriteUInt16(byte[] bytes, int at, ushort value, bool little)
    {
        if (little)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(at), value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(at), value);
        }
    }

    private static void WriteUInt32(byte[] bytes, int at, uint value, bool little)
    {
        if (little)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(at), value);
        }
    }
}
