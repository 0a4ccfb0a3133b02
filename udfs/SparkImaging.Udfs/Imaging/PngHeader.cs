using System.Buffers.Binary;

namespace SparkImaging.Udfs.Imaging;

/// <summary>The IHDR fields of a PNG, read without touching pixel data.</summary>
internal readonly record struct PngHeader(int Width, int Height, int BitDepth, int ColorType, bool Interlaced)
{
    public const int SignatureLength = 8;

    /// <summary>Samples per pixel of the colour type (palette counts as one index).</summary>
    public int Channels => ColorType switch
    {
        0 => 1,
        2 => 3,
        3 => 1,
        4 => 2,
        6 => 4,
        _ => throw new ImageDecodeException(DecodeFailure.Corrupt, $"PNG colour type {ColorType} is invalid"),
    };

    public static PngHeader Read(ReadOnlySpan<byte> png)
    {
        // Signature, then the IHDR chunk: length 13, type, 13 bytes of fields, CRC.
        if (png.Length < SignatureLength + 8 + 13 + 4)
        {
            throw new ImageDecodeException(DecodeFailure.Truncated, "PNG ends inside its header");
        }

        var chunk = png[SignatureLength..];
        if (BinaryPrimitives.ReadInt32BigEndian(chunk) != 13 || !chunk.Slice(4, 4).SequenceEqual("IHDR"u8))
        {
            throw new ImageDecodeException(DecodeFailure.Corrupt, "PNG does not start with an IHDR chunk");
        }

        var fields = chunk.Slice(8, 13);
        var width = BinaryPrimitives.ReadUInt32BigEndian(fields);
        var height = BinaryPrimitives.ReadUInt32BigEndian(fields[4..]);
        if (width == 0 || height == 0 || width > int.MaxValue || height > int.MaxValue)
        {
            throw new ImageDecodeException(DecodeFailure.Corrupt, $"PNG declares an invalid size {width}×{height}");
        }

        var (bitDepth, colorType) = (fields[8], fields[9]);
        if (!IsValidDepth(bitDepth, colorType))
        {
            throw new ImageDecodeException(DecodeFailure.Corrupt, $"PNG declares bit depth {bitDepth} with colour type {colorType}");
        }

        // Only method 0 exists for each (deflate; adaptive filtering; none or Adam7): anything else is not a PNG we
        // can read correctly, and libpng refuses it too.
        var (compression, filter, interlace) = (fields[10], fields[11], fields[12]);
        if (compression != 0 || filter != 0 || interlace > 1)
        {
            throw new ImageDecodeException(DecodeFailure.Corrupt, $"PNG declares compression method {compression}, filter method {filter}, interlace method {interlace} (only 0, 0 and 0 or 1 exist)");
        }

        return new PngHeader((int)width, (int)height, bitDepth, colorType, interlace == 1);
    }

    /// <summary>The combinations of the PNG specification's table 11.1.</summary>
    private static bool IsValidDepth(int bitDepth, int colorType) => colorType switch
    {
        0 => bitDepth is 1 or 2 or 4 or 8 or 16,
        3 => bitDepth is 1 or 2 or 4 or 8,
        2 or 4 or 6 => bitDepth is 8 or 16,
        _ => false,
    };
}
