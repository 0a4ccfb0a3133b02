using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using SparkImaging.Udfs.Memory;

namespace SparkImaging.Udfs.Imaging;

/// <summary>
/// Decodes PNGs of 8-bit gray, RGB and RGBA, and of every 16-bit colour type, straight to gray: chunk walk with CRC
/// checks, one inflate of all image data (<see cref="ZlibInflater"/>; <see cref="ZLibStream"/> on the
/// <see cref="PngRoute.Runtime"/> route), then per row the filter undone in place
/// (<see cref="PngFilters"/>) and the samples turned into gray while the row is in cache. SkiaSharp reduces 16-bit PNGs
/// to 8 bits, and for 8-bit ones it inflates more slowly and expands every row to RGBA first; palette, gray+alpha and
/// low bit depth PNGs still go through SkiaSharp (<see cref="Takes"/>).
/// <para>
/// Like libpng, the decoder refuses a critical chunk (IHDR, PLTE, IDAT, IEND) whose CRC fails and ignores ancillary
/// chunks, their CRCs included; it needs all image rows, but not the IEND chunk after them.
/// </para>
/// </summary>
internal static class PngDecoder
{
    private static readonly (int X0, int Y0, int Dx, int Dy)[] Adam7 =
        [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];

    private static readonly (int X0, int Y0, int Dx, int Dy)[] OnePass = [(0, 0, 1, 1)];

    /// <summary>Whether this decoder takes a PNG with this header (else SkiaSharp does).</summary>
    public static bool Takes(PngHeader header) =>
        (header.BitDepth == 16 && header.ColorType != 3) || (header.BitDepth == 8 && header.ColorType is 0 or 2 or 6);

    /// <param name="runtimeInflate">Inflate with <see cref="ZLibStream"/> instead of <see cref="ZlibInflater"/> (<see cref="PngRoute.Runtime"/>).</param>
    public static GrayImage Decode(ReadOnlySpan<byte> png, PngHeader header, GrayMode mode, bool runtimeInflate = false)
    {
        var channels = header.Channels;
        var bytesPerPixel = channels * header.BitDepth / 8;
        var passes = header.Interlaced ? Adam7 : OnePass;
        var rawLength = ScanlineBytes(header);
        if (rawLength + ZlibInflater.OutputSlack > Array.MaxLength)
        {
            throw new ImageDecodeException(DecodeFailure.TooManyPixels, $"{header.Width}×{header.Height} PNG has more image data than one buffer holds");
        }

        var compressedLength = ImageDataLength(png);
        using var compressed = new PooledBuffer<byte>(compressedLength + ZlibInflater.InputPadding);
        CopyImageData(png, compressed.Span);
        compressed.Span[compressedLength..].Clear();
        using var raw = new PooledBuffer<byte>((int)rawLength + ZlibInflater.OutputSlack);
        if (runtimeInflate)
        {
            InflateWithRuntime(compressed.Span[..compressedLength], raw.Span[..(int)rawLength]);
        }
        else
        {
            ZlibInflater.Inflate(compressed.Span, compressedLength, raw.Span, (int)rawLength);
        }

        var image = new GrayImage(header.Width, header.Height);
        try
        {
            var widest = header.Width * bytesPerPixel;
            using var zeros = new PooledBuffer<byte>(widest);
            zeros.Span.Clear();
            using var samples = new PooledBuffer<ushort>(header.BitDepth == 16 ? header.Width * channels : 0);
            using var passRow = new PooledBuffer<double>(header.Interlaced ? header.Width : 0);
            var at = 0;
            foreach (var (x0, y0, dx, dy) in passes)
            {
                var (passWidth, passHeight) = PassSize(header, x0, y0, dx, dy);
                if (passWidth == 0)
                {
                    continue;
                }

                var stride = passWidth * bytesPerPixel;
                ReadOnlySpan<byte> previous = zeros.Span[..stride];
                for (var py = 0; py < passHeight; py++)
                {
                    var filter = raw.Span[at];
                    var row = raw.Span.Slice(at + 1, stride);
                    PngFilters.Unfilter(filter, row, previous, bytesPerPixel);
                    previous = row;
                    at += 1 + stride;

                    var y = y0 + (py * dy);
                    var gray = header.Interlaced ? passRow.Span[..passWidth] : image.Row(y);
                    if (header.BitDepth == 8)
                    {
                        GrayConversion.FromSamples8(row, channels, gray, mode);
                    }
                    else
                    {
                        var rowSamples = samples.Span[..(passWidth * channels)];
                        for (var i = 0; i < rowSamples.Length; i++)
                        {
                            rowSamples[i] = BinaryPrimitives.ReadUInt16BigEndian(row[(2 * i)..]);
                        }

                        GrayConversion.FromSamples16(rowSamples, channels, gray, mode);
                    }

                    if (header.Interlaced)
                    {
                        var target = image.Row(y);
                        for (var px = 0; px < passWidth; px++)
                        {
                            target[x0 + (px * dx)] = gray[px];
                        }
                    }
                }
            }

            return image;
        }
        catch
        {
            image.Dispose();
            throw;
        }
    }

    /// <summary>The inflated image data of a PNG this decoder takes: each pass's rows, each with its filter byte.</summary>
    public static long ScanlineBytes(PngHeader header)
    {
        var bytesPerPixel = header.Channels * header.BitDepth / 8;
        var total = 0L;
        foreach (var (x0, y0, dx, dy) in header.Interlaced ? Adam7 : OnePass)
        {
            var (passWidth, passHeight) = PassSize(header, x0, y0, dx, dy);
            total += passWidth == 0 ? 0 : passHeight * (1 + ((long)passWidth * bytesPerPixel));
        }

        return total;
    }

    /// <summary>
    /// The runtime's zlib under <see cref="ZlibInflater"/>'s contract: data beyond the image is ignored, a stream that
    /// ends before it is truncated, and the Adler-32 is checked (by zlib) when the stream ends where the image does.
    /// </summary>
    private static unsafe void InflateWithRuntime(ReadOnlySpan<byte> compressed, Span<byte> raw)
    {
        if (compressed.IsEmpty)
        {
            throw new ImageDecodeException(DecodeFailure.Truncated, "PNG has no image data"); // and no pointer to stream from
        }

        fixed (byte* input = compressed)
        {
            using var stream = new UnmanagedMemoryStream(input, compressed.Length);
            using var zlib = new ZLibStream(stream, CompressionMode.Decompress);
            try
            {
                var filled = 0;
                int read;
                while (filled < raw.Length && (read = zlib.Read(raw[filled..])) > 0)
                {
                    filled += read;
                }

                if (filled < raw.Length)
                {
                    throw new ImageDecodeException(DecodeFailure.Truncated, "PNG image data ends early");
                }

                // One more byte: zlib reaches the end of the stream (checking the Adler-32) or finds data beyond the image.
                Span<byte> beyond = stackalloc byte[1];
                _ = zlib.Read(beyond);
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                // IOException (.NET's internal ZLibException): zlib's other refusals, a preset dictionary among them.
                throw new ImageDecodeException(DecodeFailure.Corrupt, $"PNG image data is invalid ({e.Message})");
            }
        }
    }

    private static (int Width, int Height) PassSize(PngHeader header, int x0, int y0, int dx, int dy)
    {
        var width = (header.Width - x0 + dx - 1) / dx;
        var height = (header.Height - y0 + dy - 1) / dy;
        return width <= 0 || height <= 0 ? (0, 0) : (width, height);
    }

    /// <summary>Total bytes of the IDAT chunks, checking the CRC of every critical chunk on the way.</summary>
    private static int ImageDataLength(ReadOnlySpan<byte> png)
    {
        var total = 0L;
        var at = PngHeader.SignatureLength;
        while (NextChunk(png, ref at, out var type, out var body))
        {
            var critical = (type[0] & 0x20) == 0;
            var stored = BinaryPrimitives.ReadUInt32BigEndian(png[(at - 4)..]);
            if (critical && Crc32.HashToUInt32(png.Slice(at - 8 - body.Length, 4 + body.Length)) != stored)
            {
                throw new ImageDecodeException(DecodeFailure.Corrupt, $"PNG chunk {System.Text.Encoding.ASCII.GetString(type)} fails its CRC");
            }

            if (type.SequenceEqual("IDAT"u8))
            {
                total += body.Length;
            }
        }

        return total + ZlibInflater.InputPadding <= Array.MaxLength
            ? (int)total
            : throw new ImageDecodeException(DecodeFailure.TooManyPixels, "PNG image data is larger than one buffer holds");
    }

    private static void CopyImageData(ReadOnlySpan<byte> png, Span<byte> destination)
    {
        var at = PngHeader.SignatureLength;
        while (NextChunk(png, ref at, out var type, out var body))
        {
            if (type.SequenceEqual("IDAT"u8))
            {
                body.CopyTo(destination);
                destination = destination[body.Length..];
            }
        }
    }

    /// <summary>
    /// The chunk at <paramref name="at"/>, moving past it; false at IEND or where the file ends (a chunk cut short is
    /// not read: the inflate then finds the image data short).
    /// </summary>
    private static bool NextChunk(ReadOnlySpan<byte> png, ref int at, out ReadOnlySpan<byte> type, out ReadOnlySpan<byte> body)
    {
        type = body = default;
        if (at + 12 > png.Length)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(png[at..]);
        if (length > int.MaxValue || at + 12 + (long)length > png.Length)
        {
            return false;
        }

        type = png.Slice(at + 4, 4);
        if (type.SequenceEqual("IEND"u8))
        {
            return false;
        }

        body = png.Slice(at + 8, (int)length);
        at += 12 + (int)length;
        return true;
    }
}
