using System.Runtime.InteropServices;
using BitMiracle.LibTiff.Classic;
using SparkImaging.Udfs.Memory;

namespace SparkImaging.Udfs.Imaging;

/// <summary>TIFF through LibTiff.NET (SkiaSharp has no TIFF codec): 16-bit gray/RGB at full precision, the rest via RGBA.</summary>
internal static class TiffDecoder
{
    static TiffDecoder()
    {
        // LibTiff prints to the console by default; failures surface as exceptions instead.
        Tiff.SetErrorHandler(new SilentHandler());
    }

    public static ImageInfo ReadInfo(ReadOnlySpan<byte> bytes)
    {
        using var tiff = Open(bytes);
        try
        {
            return new ImageInfo(ImageFormat.Tiff, Field(tiff, TiffTag.IMAGEWIDTH), Field(tiff, TiffTag.IMAGELENGTH));
        }
        catch (Exception e) when (IsLibTiffFailure(e))
        {
            throw new ImageDecodeException(DecodeFailure.Corrupt, "TIFF header is unreadable", e);
        }
    }

    public static GrayImage Decode(ReadOnlySpan<byte> bytes, ImageInfo info, GrayMode mode)
    {
        using var tiff = Open(bytes);
        GrayImage? image = null;
        try
        {
            var bits = Field(tiff, TiffTag.BITSPERSAMPLE);
            var channels = Field(tiff, TiffTag.SAMPLESPERPIXEL);
            var photometric = (Photometric)Field(tiff, TiffTag.PHOTOMETRIC);
            var planar = (PlanarConfig)Field(tiff, TiffTag.PLANARCONFIG);
            CheckDataInsideFile(tiff, bytes.Length);
            image = new GrayImage(info.Width, info.Height);
            if (bits == 16 && planar == PlanarConfig.CONTIG && channels is >= 1 and <= 4
                && photometric is Photometric.MINISBLACK or Photometric.RGB)
            {
                ReadSamples16(tiff, image, channels, mode);
            }
            else if (bits <= 8)
            {
                ReadRgba(tiff, image, mode);
            }
            else
            {
                throw new ImageDecodeException(DecodeFailure.UnsupportedFormat, $"TIFF with {bits}-bit {photometric} samples");
            }

            return image;
        }
        catch (Exception e) when (IsLibTiffFailure(e))
        {
            image?.Dispose();
            throw new ImageDecodeException(DecodeFailure.Corrupt, $"TIFF data is invalid ({e.GetType().Name})", e);
        }
        catch
        {
            image?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// LibTiff.NET is a managed port of C code: malformed fields surface as the runtime's own exceptions
    /// (arithmetic overflow, bad index or cast, a short stream) rather than error codes.
    /// </summary>
    private static bool IsLibTiffFailure(Exception e) =>
        e is IOException or ArgumentException or InvalidOperationException or IndexOutOfRangeException or NullReferenceException
            or ArithmeticException or InvalidCastException or FormatException;

    private static void ReadSamples16(Tiff tiff, GrayImage image, int channels, GrayMode mode)
    {
        using var scanline = new PooledBuffer<byte>(Math.Max(tiff.ScanlineSize(), image.Width * channels * 2));
        var buffer = new byte[scanline.Length];
        for (var y = 0; y < image.Height; y++)
        {
            if (!tiff.ReadScanline(buffer, y))
            {
                throw new ImageDecodeException(DecodeFailure.Truncated, $"TIFF row {y} cannot be read");
            }

            // LibTiff returns samples in host byte order.
            var samples = MemoryMarshal.Cast<byte, ushort>(buffer.AsSpan(0, image.Width * channels * 2));
            GrayConversion.FromSamples16(samples, channels, image.Row(y), mode);
        }
    }

    private static void ReadRgba(Tiff tiff, GrayImage image, GrayMode mode)
    {
        var raster = new int[image.Width * image.Height];
        if (!tiff.ReadRGBAImageOriented(image.Width, image.Height, raster, Orientation.TOPLEFT))
        {
            throw new ImageDecodeException(DecodeFailure.Corrupt, "TIFF pixels cannot be read");
        }

        var bytes = MemoryMarshal.AsBytes(raster.AsSpan());
        for (var y = 0; y < image.Height; y++)
        {
            // Packed ABGR ints are R, G, B, A bytes in little-endian memory.
            GrayConversion.FromRgba8(bytes.Slice(y * image.Width * 4, image.Width * 4), image.Row(y), mode);
        }
    }

    /// <summary>LibTiff zero-fills strips or tiles that lie past the end of the data and reports success; a cut file must say truncated.</summary>
    private static void CheckDataInsideFile(Tiff tiff, long length)
    {
        var tiled = tiff.IsTiled();
        var offsets = tiff.GetField(tiled ? TiffTag.TILEOFFSETS : TiffTag.STRIPOFFSETS)?[0].TolongArray();
        var counts = tiff.GetField(tiled ? TiffTag.TILEBYTECOUNTS : TiffTag.STRIPBYTECOUNTS)?[0].TolongArray();
        if (offsets is null || counts is null || counts.Length < offsets.Length)
        {
            throw new ImageDecodeException(DecodeFailure.Corrupt, "TIFF lacks its strip or tile offsets");
        }

        for (var i = 0; i < offsets.Length; i++)
        {
            if (offsets[i] < 0 || counts[i] < 0 || offsets[i] + counts[i] > length)
            {
                throw new ImageDecodeException(DecodeFailure.Truncated, $"TIFF data ends before {(tiled ? "tile" : "strip")} {i}");
            }
        }
    }

    private static Tiff Open(ReadOnlySpan<byte> bytes)
    {
        TiffDirectoryGuard.Check(bytes);
        try
        {
            return Tiff.ClientOpen("image", "r", new MemoryStream(bytes.ToArray(), writable: false), new TiffStream())
                ?? throw new ImageDecodeException(DecodeFailure.Corrupt, "TIFF header is unreadable");
        }
        catch (Exception e) when (IsLibTiffFailure(e))
        {
            throw new ImageDecodeException(DecodeFailure.Corrupt, "TIFF header is unreadable", e);
        }
    }

    private static int Field(Tiff tiff, TiffTag tag)
    {
        var value = tiff.GetFieldDefaulted(tag) ?? throw new ImageDecodeException(DecodeFailure.Corrupt, $"TIFF lacks the {tag} tag");
        var number = value[0].ToInt();
        return number > 0 || tag is TiffTag.PHOTOMETRIC ? number : throw new ImageDecodeException(DecodeFailure.Corrupt, $"TIFF {tag} is {number}");
    }

    private sealed class SilentHandler : TiffErrorHandler
    {
        public override void ErrorHandler(Tiff tif, string method, string format, params object[] args)
        {
        }

        public override void ErrorHandlerExt(Tiff tif, object clientData, string method, string format, params object[] args)
        {
        }

        public override void WarningHandler(Tiff tif, string method, string format, params object[] args)
        {
        }

        public override void WarningHandlerExt(Tiff tif, object clientData, string method, string format, params object[] args)
        {
        }
    }
}
