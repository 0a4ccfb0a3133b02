using System.Buffers.Binary;
using System.IO.Compression;
using SparkImaging.Udfs.Imaging;

namespace SparkImaging.Fuzz;

/// <summary>
/// The one documented reason our PNG decoder and SkiaSharp (libpng) may disagree on whether a file decodes: the
/// difference lies outside the image's scanlines. Both decoders agree on the scanlines themselves, which is checked
/// by re-wrapping them (inflated by zlib) in a plain IHDR/IDAT/IEND file that both must decode to the pixels the
/// side that succeeded produced. What lies outside, where the two differ on purpose (docs/fuzzing.md, each with a
/// test in tests/SparkImaging.Udfs.Tests/Hostile/PngDifferentialTests.cs):
/// <list type="bullet">
/// <item>chunks ours does not need: ours skips any chunk but IHDR, IDAT and IEND, whatever its name; libpng refuses a
/// name that is not four letters, an unknown critical chunk, a chunk that does not fit, when it reads that far;</item>
/// <item>data after the last scanline: ours ignores it; libpng may inflate on and fail there;</item>
/// <item>the end of the image data: ours wants whole chunks and decodes the code after the last scanline byte;
/// libpng stops once it has the last row, so a file cut in the last IDAT chunk (its CRC, say) or a stream going
/// wrong right after the image decodes there.</item>
/// </list>
/// </summary>
public static class PngDifference
{
    /// <summary>Whether the difference lies outside the scanlines (see the class summary).</summary>
    /// <param name="png">The file.</param>
    /// <param name="decoded">The pixels of whichever side decoded it, as that side produced them.</param>
    /// <param name="oursDecoded">Whether that side is ours (else SkiaSharp).</param>
    public static bool OutsideScanlines(ReadOnlySpan<byte> png, GrayImage decoded, bool oursDecoded)
    {
        ArgumentNullException.ThrowIfNull(decoded);
        var header = PngHeader.Read(png);
        var scanlines = Scanlines(png, PngDecoder.ScanlineBytes(header));
        if (scanlines is null)
        {
            return false;
        }

        var clean = PngFile.Build(png.Slice(PngHeader.SignatureLength + 8, 13).ToArray(), scanlines);
        try
        {
            using var ours = PngDecoder.Decode(clean, header, GrayMode.Mean);
            using var skia = ImageDecoder.DecodeWithSkia(clean, GrayMode.Mean);
            var scale = header.BitDepth == 16 ? 257 : 1;
            return Same(ours, scale, skia, 1, PngDifferentialTarget.Tolerance(header.BitDepth))
                && (oursDecoded ? Same(decoded, 1, ours, 1, 0) : Same(decoded, 1, skia, 1, 0));
        }
        catch (ImageDecodeException)
        {
            return false;
        }
    }

    /// <summary>
    /// Whether our failure is one <see cref="InflateTarget"/>'s oracle allows for the image data our decoder reads
    /// (whole IDAT chunks before IEND) and the scanline bytes it needs: our decoder failed where our inflater should.
    /// </summary>
    public static bool InflaterAllows(ReadOnlySpan<byte> png, ImageDecodeException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var outcome = failure.Failure switch
        {
            DecodeFailure.Truncated => InflateTarget.Outcome.Truncated,
            DecodeFailure.Corrupt => InflateTarget.Outcome.Corrupt,
            _ => (InflateTarget.Outcome?)null,
        };
        var wanted = PngDecoder.ScanlineBytes(PngHeader.Read(png));
        return outcome is { } o && wanted <= int.MaxValue - 1 && InflateTarget.Expected(PngFile.ImageData(png), (int)wanted).Allowed.Contains(o);
    }

    /// <summary>Whether two images have the same size and pixels within <paramref name="tolerance"/> after scaling.</summary>
    public static bool Same(GrayImage a, double aScale, GrayImage b, double bScale, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if ((a.Width, a.Height) != (b.Width, b.Height))
        {
            return false;
        }

        var left = a.Pixels;
        var right = b.Pixels;
        for (var i = 0; i < left.Length; i++)
        {
            if (!(Math.Abs((left[i] / aScale) - (right[i] / bScale)) <= tolerance))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The first <paramref name="length"/> bytes zlib inflates from every IDAT byte in the file (a chunk cut by the
    /// end of the file included), or null when zlib fails or ends before them.
    /// </summary>
    private static byte[]? Scanlines(ReadOnlySpan<byte> png, long length)
    {
        using var data = new MemoryStream();
        for (var at = PngHeader.SignatureLength; at + 8 <= png.Length;)
        {
            var size = BinaryPrimitives.ReadUInt32BigEndian(png[at..]);
            var type = png.Slice(at + 4, 4);
            if (type.SequenceEqual("IEND"u8))
            {
                break;
            }

            var body = png[(at + 8)..];
            body = body[..(int)Math.Min(size, body.Length)];
            if (type.SequenceEqual("IDAT"u8))
            {
                data.Write(body);
            }

            at += 12 + body.Length;
        }

        if (data.Length < 2 || length > FuzzTarget.MaxPixels * 8 * 2)
        {
            return null;
        }

        var zlib = data.ToArray();
        var output = new byte[length];
        foreach (var chunk in new[] { output.Length, 1 })
        {
            var filled = 0;
            try
            {
                using var raw = new DeflateStream(new MemoryStream(zlib, 2, zlib.Length - 2), CompressionMode.Decompress);
                int read;
                while (filled < output.Length && (read = raw.Read(output, filled, Math.Min(chunk, output.Length - filled))) > 0)
                {
                    filled += read;
                }
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                continue; // .NET drops a failed read's output: once more a byte at a time
            }

            return filled == output.Length ? output : null;
        }

        return null;
    }

}
