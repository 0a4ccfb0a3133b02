using SkiaSharp;

namespace SparkImaging.Udfs.Imaging;

/// <summary>
/// Turns an encoded image into a gray plane. The format comes from the bytes; the size comes from the header
/// and is checked against the pixel limit before any pixel buffer exists. Every failure is an
/// <see cref="ImageDecodeException"/> naming its kind.
/// </summary>
public static class ImageDecoder
{
    /// <summary>Reads the format and declared size without decoding pixels.</summary>
    public static ImageInfo ReadInfo(ReadOnlySpan<byte> bytes)
    {
        var format = Identify(bytes);
        return format switch
        {
            ImageFormat.Png => PngInfo(bytes),
            ImageFormat.Tiff => TiffDecoder.ReadInfo(bytes),
            _ => SkiaInfo(bytes, format),
        };
    }

    /// <summary>Decodes to gray (not yet normalized), refusing images larger than <paramref name="maxPixels"/>.</summary>
    public static GrayImage DecodeGray(ReadOnlySpan<byte> bytes, GrayMode mode, long maxPixels) =>
        DecodeGray(bytes, ReadInfo(bytes), mode, maxPixels);

    /// <summary>Same, with the header the caller already read by <see cref="ReadInfo"/> (it is not parsed again).</summary>
    public static GrayImage DecodeGray(ReadOnlySpan<byte> bytes, ImageInfo info, GrayMode mode, long maxPixels) =>
        DecodeGray(bytes, info, mode, maxPixels, DecoderSettings.PngRoute);

    /// <summary>Same, with the PNG route given (the differential fuzz target and the route tests use both).</summary>
    internal static GrayImage DecodeGray(ReadOnlySpan<byte> bytes, ImageInfo info, GrayMode mode, long maxPixels, PngRoute route) =>
        DecodeGray(bytes, info, mode, maxPixels, route, DecoderSettings.JpegRoute);

    /// <summary>Same, with both routes given (the route tests compare them).</summary>
    internal static GrayImage DecodeGray(ReadOnlySpan<byte> bytes, ImageInfo info, GrayMode mode, long maxPixels, PngRoute route, JpegRoute jpegRoute)
    {
        if (info.Pixels > maxPixels)
        {
            throw new ImageDecodeException(DecodeFailure.TooManyPixels, $"{info.Width}×{info.Height} is over the limit of {maxPixels} pixels");
        }

        if (info.Format == ImageFormat.Png)
        {
            var header = PngHeader.Read(bytes);
            if (PngDecoder.Takes(header) && (route == PngRoute.Managed || header.BitDepth == 16))
            {
                return PngDecoder.Decode(bytes, header, mode, runtimeInflate: route == PngRoute.Runtime);
            }
        }

        if (info.Format == ImageFormat.Jpeg && jpegRoute == JpegRoute.System && TurboJpeg.TryDecodeGray(bytes, info.Width, info.Height, mode) is { } decoded)
        {
            return decoded;
        }

        return info.Format == ImageFormat.Tiff ? TiffDecoder.Decode(bytes, info, mode) : DecodeWithSkia(bytes, mode);
    }

    private static ImageFormat Identify(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            throw new ImageDecodeException(DecodeFailure.Empty, "the file has no bytes");
        }

        var format = ImageFormatDetector.Detect(bytes);
        if (format == ImageFormat.Unknown)
        {
            throw new ImageDecodeException(DecodeFailure.UnsupportedFormat, "not PNG, JPEG, GIF, BMP, WebP or TIFF");
        }

        return format;
    }

    private static ImageInfo PngInfo(ReadOnlySpan<byte> bytes)
    {
        var header = PngHeader.Read(bytes);
        return new ImageInfo(ImageFormat.Png, header.Width, header.Height);
    }

    private static unsafe ImageInfo SkiaInfo(ReadOnlySpan<byte> bytes, ImageFormat format)
    {
        fixed (byte* pointer = bytes)
        {
            using var data = SKData.Create((IntPtr)pointer, bytes.Length);
            using var codec = OpenCodec(data, format);
            return new ImageInfo(format, codec.Info.Width, codec.Info.Height);
        }
    }

    /// <summary>Any format SkiaSharp reads (PNG included, whatever its depth), with no size check of its own.</summary>
    internal static unsafe GrayImage DecodeWithSkia(ReadOnlySpan<byte> bytes, GrayMode mode)
    {
        var format = ImageFormatDetector.Detect(bytes);
        fixed (byte* pointer = bytes)
        {
            using var data = SKData.Create((IntPtr)pointer, bytes.Length);
            using var codec = OpenCodec(data, format);
            var width = codec.Info.Width;
            var height = codec.Info.Height;

            // Gray sources decode straight to one byte a pixel; everything else to unpremultiplied RGBA.
            var isGray = codec.Info.ColorType == SKColorType.Gray8;
            var target = new SKImageInfo(width, height, isGray ? SKColorType.Gray8 : SKColorType.Rgba8888, SKAlphaType.Unpremul);
            var image = new GrayImage(width, height);
            try
            {
                using var pixels = new Memory.PooledBuffer<byte>(checked((int)target.BytesSize64));
                fixed (byte* destination = pixels.Span)
                {
                    Check(codec.GetPixels(target, (IntPtr)destination), format);
                }

                ConvertRows(pixels.Span, target.RowBytes, isGray, image, mode);
                return image;
            }
            catch
            {
                image.Dispose();
                throw;
            }
        }
    }

    /// <summary>Rows of 8-bit gray or RGBA (<paramref name="rowBytes"/> apart) into <paramref name="image"/>'s gray rows.</summary>
    internal static void ConvertRows(ReadOnlySpan<byte> pixels, int rowBytes, bool isGray, GrayImage image, GrayMode mode)
    {
        for (var y = 0; y < image.Height; y++)
        {
            var row = pixels.Slice(y * rowBytes, rowBytes);
            if (isGray)
            {
                GrayConversion.FromGray8(row, image.Row(y));
            }
            else
            {
                GrayConversion.FromRgba8(row, image.Row(y), mode);
            }
        }
    }

    private static SKCodec OpenCodec(SKData data, ImageFormat format)
    {
        var codec = SKCodec.Create(new SKMemoryStream(data), out var result);
        if (codec is null)
        {
            Check(result == SKCodecResult.Success ? SKCodecResult.InvalidInput : result, format);
            throw new ImageDecodeException(DecodeFailure.Corrupt, $"{format} header is unreadable");
        }

        if (codec.Info.Width <= 0 || codec.Info.Height <= 0)
        {
            codec.Dispose();
            throw new ImageDecodeException(DecodeFailure.Corrupt, $"{format} declares an empty image");
        }

        return codec;
    }

    private static void Check(SKCodecResult result, ImageFormat format)
    {
        switch (result)
        {
            case SKCodecResult.Success:
                return;
            case SKCodecResult.IncompleteInput:
                throw new ImageDecodeException(DecodeFailure.Truncated, $"{format} data ends early");
            default:
                throw new ImageDecodeException(DecodeFailure.Corrupt, $"{format} data is invalid ({result})");
        }
    }
}
