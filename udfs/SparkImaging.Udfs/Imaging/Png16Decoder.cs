using System.Buffers.Binary;
using System.IO.Compression;
using SparkImaging.Udfs.Memory;

namespace SparkImaging.Udfs.Imaging;

/// <summary>
/// Decodes 16-bit PNGs at full precision (SkiaSharp reduces them to 8 bits): chunk walk with CRC checks,
/// zlib inflate, the five row filters and Adam7 interlacing.
/// </summary>
internal static class Png16Decoder
{
    private static readonly (int X0, int Y0, int Dx, int Dy)[] Adam7 =
        [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];

    public static GrayImage Decode(ReadOnlySpan<byte> png, PngHeader header, GrayMode mode)
    {
        var channels = header.Channels;
        var bytesPerPixel = 2 * channels;
        using var compressed = new MemoryStream();
        CollectImageData(png, compressed);
        compressed.Position = 0;

        var image = new GrayImage(header.Width, header.Height);
        try
        {
            using var zlib = new ZLibStream(compressed, CompressionMode.Decompress);
            using var samples = new PooledBuffer<ushort>(header.Width * channels);
            using var grayRow = new PooledBuffer<double>(header.Width);
            var passes = header.Interlaced ? Adam7 : [(0, 0, 1, 1)];
            foreach (var (x0, y0, dx, dy) in passes)
            {
                var passWidth = (header.Width - x0 + dx - 1) / dx;
                var passHeight = (header.Height - y0 + dy - 1) / dy;
                if (passWidth <= 0 || passHeight <= 0)
                {
                    continue;
                }

                var stride = passWidth * bytesPerPixel;
                using var previous = new PooledBuffer<byte>(stride);
                using var current = new PooledBuffer<byte>(stride + 1);
                previous.Span.Clear();
                for (var py = 0; py < passHeight; py++)
                {
                    ReadExactly(zlib, current.Span);
                    var row = current.Span[1..];
                    Unfilter(current.Span[0], row, previous.Span, bytesPerPixel);
                    var rowSamples = samples.Span[..(passWidth * channels)];
                    for (var i = 0; i < rowSamples.Length; i++)
                    {
                        rowSamples[i] = BinaryPrimitives.ReadUInt16BigEndian(row[(2 * i)..]);
                    }

                    var gray = grayRow.Span[..passWidth];
                    GrayConversion.FromSamples16(rowSamples, channels, gray, mode);
                    var target = image.Row(y0 + (py * dy));
                    for (var px = 0; px < passWidth; px++)
                    {
                        target[x0 + (px * dx)] = gray[px];
                    }

                    row.CopyTo(previous.Span);
                }
            }

            return image;
        }
        catch (InvalidDataException e)
        {
            image.Dispose();
            throw new ImageDecodeException(DecodeFailure.Corrupt, "PNG image data does not inflate", e);
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    private static void CollectImageData(ReadOnlySpan<byte> png, MemoryStream compressed)
    {
        var at = PngHeader.SignatureLength;
        while (true)
        {
            if (at + 8 > png.Length)
            {
                throw new ImageDecodeException(DecodeFailure.Truncated, "PNG ends before its IEND chunk");
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(png[at..]);
            var type = png.Slice(at + 4, 4);
            if (length > int.MaxValue || at + 12 + (long)length > png.Length)
            {
                throw new ImageDecodeException(DecodeFailure.Truncated, "PNG ends inside a chunk");
            }

            var body = png.Slice(at + 8, (int)length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png[(at + 8 + (int)length)..]);
            if (Crc32.Compute(png.Slice(at + 4, 4 + (int)length)) != crc)
            {
                throw new ImageDecodeException(DecodeFailure.Corrupt, $"PNG chunk {System.Text.Encoding.ASCII.GetString(type)} fails its CRC");
            }

            if (type.SequenceEqual("IDAT"u8))
            {
                compressed.Write(body);
            }
            else if (type.SequenceEqual("IEND"u8))
            {
                return;
            }

            at += 12 + (int)length;
        }
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer)
    {
        try
        {
            stream.ReadExactly(buffer);
        }
        catch (EndOfStreamException e)
        {
            throw new ImageDecodeException(DecodeFailure.Truncated, "PNG image data ends early", e);
        }
    }

    private static void Unfilter(byte filter, Span<byte> row, ReadOnlySpan<byte> previous, int bpp)
    {
        switch (filter)
        {
            case 0:
                break;
            case 1:
                for (var i = bpp; i < row.Length; i++)
                {
                    row[i] += row[i - bpp];
                }

                break;
            case 2:
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] += previous[i];
                }

                break;
            case 3:
                for (var i = 0; i < row.Length; i++)
                {
                    var left = i >= bpp ? row[i - bpp] : 0;
                    row[i] += (byte)((left + previous[i]) >> 1);
                }

                break;
            case 4:
                for (var i = 0; i < row.Length; i++)
                {
                    var left = i >= bpp ? row[i - bpp] : 0;
                    var upLeft = i >= bpp ? previous[i - bpp] : 0;
                    row[i] += Paeth(left, previous[i], upLeft);
                }

                break;
            default:
                throw new ImageDecodeException(DecodeFailure.Corrupt, $"PNG row filter {filter} is invalid");
        }
    }

    private static byte Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return (byte)(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
    }
}
