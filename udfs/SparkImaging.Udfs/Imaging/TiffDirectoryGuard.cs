using System.Buffers.Binary;

namespace SparkImaging.Udfs.Imaging;

/// <summary>
/// Checks the first TIFF directory (the one LibTiff opens) before LibTiff reads it, because LibTiff sizes arrays from
/// declared numbers while opening: a tag whose count is 2^32 is an allocation of gigabytes, and an image length of
/// 2^31 rows with one strip listed is an array of 10^8 strip offsets. Both are refused here, from the raw bytes.
/// </summary>
internal static class TiffDirectoryGuard
{
    private const ushort ImageWidth = 256;
    private const ushort ImageLength = 257;
    private const ushort StripOffsets = 273;
    private const ushort RowsPerStrip = 278;
    private const ushort TileWidth = 322;
    private const ushort TileLength = 323;
    private const ushort TileOffsets = 324;

    public static void Check(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 8)
        {
            throw new ImageDecodeException(DecodeFailure.Truncated, "TIFF ends inside its header");
        }

        var little = bytes[0] == (byte)'I';
        var directory = UInt32(bytes[4..], little);
        if (directory > bytes.Length - 2L)
        {
            throw new ImageDecodeException(DecodeFailure.Truncated, "TIFF directory lies past the end of the data");
        }

        var entries = UInt16(bytes[(int)directory..], little);
        if (directory + 2 + (12L * entries) > bytes.Length)
        {
            throw new ImageDecodeException(DecodeFailure.Truncated, "TIFF directory ends past the end of the data");
        }

        // A tag may appear more than once, with any type: LibTiff keeps one occurrence (the first of a type it reads),
        // so the guard assumes the worst of them all: the largest size, the smallest strip or tile, the fewest listed.
        ulong width = 0, length = 0, rowsPerStrip = ulong.MaxValue, tileWidth = ulong.MaxValue, tileLength = ulong.MaxValue;
        ulong strips = ulong.MaxValue, tiles = ulong.MaxValue;
        for (var e = 0; e < entries; e++)
        {
            var entry = bytes.Slice((int)directory + 2 + (12 * e), 12);
            var tag = UInt16(entry, little);
            var type = UInt16(entry[2..], little);
            var count = UInt32(entry[4..], little);
            var size = (ulong)count * TypeSize(type);
            if (size > 4 && UInt32(entry[8..], little) + size > (ulong)bytes.Length)
            {
                throw new ImageDecodeException(DecodeFailure.Corrupt, $"TIFF tag {tag} declares {size} bytes past the end of the data");
            }

            var value = type == 3 ? UInt16(entry[8..], little) : UInt32(entry[8..], little);
            switch (tag)
            {
                case ImageWidth: width = Math.Max(width, value); break;
                case ImageLength: length = Math.Max(length, value); break;
                case RowsPerStrip when value > 0: rowsPerStrip = Math.Min(rowsPerStrip, value); break;
                case TileWidth when value > 0: tileWidth = Math.Min(tileWidth, value); break;
                case TileLength when value > 0: tileLength = Math.Min(tileLength, value); break;
                case StripOffsets: strips = Math.Min(strips, count); break;
                case TileOffsets: tiles = Math.Min(tiles, count); break;
            }
        }

        // Every strip (or tile) of the image must be listed; a declared size needing more is not an image we can read.
        var tiled = tileWidth != ulong.MaxValue && tileLength != ulong.MaxValue;
        var needed = tiled
            ? (UInt128)CeilingDivide(width, tileWidth) * CeilingDivide(length, tileLength) // up to 2^64: no wrap
            : CeilingDivide(length, rowsPerStrip == ulong.MaxValue ? Math.Max(length, 1) : rowsPerStrip);
        var listed = tiled ? tiles : strips;
        if (listed is > 0 and < ulong.MaxValue && needed > listed)
        {
            throw new ImageDecodeException(DecodeFailure.Corrupt, $"TIFF declares {width}×{length} pixels in {needed} {(tiled ? "tiles" : "strips")} but lists {listed}");
        }
    }

    private static ulong CeilingDivide(ulong value, ulong divisor) => (value + divisor - 1) / divisor;

    private static ushort UInt16(ReadOnlySpan<byte> bytes, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(bytes) : BinaryPrimitives.ReadUInt16BigEndian(bytes);

    private static uint UInt32(ReadOnlySpan<byte> bytes, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(bytes) : BinaryPrimitives.ReadUInt32BigEndian(bytes);

    /// <summary>Bytes per value of a TIFF field type; unknown types count as one.</summary>
    private static uint TypeSize(ushort type) => type switch
    {
        3 or 8 => 2,
        4 or 9 or 11 or 13 => 4,
        5 or 10 or 12 or 16 or 17 or 18 => 8,
        _ => 1,
    };
}
