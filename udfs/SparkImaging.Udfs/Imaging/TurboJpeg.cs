using System.Runtime.InteropServices;

namespace SparkImaging.Udfs.Imaging;

/// <summary>
/// The machine's libjpeg-turbo through its TurboJPEG API (<c>libturbojpeg.so.0</c>; Debian's <c>libturbojpeg0</c>),
/// when the process can load it: the same library and settings as SkiaSharp's (islow inverse DCT, fancy upsampling,
/// no colour management) and as the seed pipeline's PIL, but built with its SIMD code, which SkiaSharp's linux-x64
/// build leaves out (docs/performance.md, decode rounds). libjpeg-turbo's SIMD paths for these settings give the C
/// code's bytes; <c>JpegGrayTests</c> hold the result to SkiaSharp's pixels bit for bit.
/// </summary>
/// <remarks>
/// Only a clean decode counts: any error or warning (a truncated or corrupt file, a colour space it will not turn into
/// RGB, a 12-bit or lossless or arithmetic-coded file, which this route does not take) returns false, and SkiaSharp
/// then decodes the file or gives its verdict, so which files decode, and to what, does not depend on whether this
/// library is installed.
/// </remarks>
internal static unsafe class TurboJpeg
{
    // turbojpeg.h (libjpeg-turbo 2.x and 3.x keep these values).
    private const int PixelFormatRgbx = 2;
    private const int PixelFormatGray = 6;
    private const int ColorspaceGray = 2;
    private const int FlagStopOnWarning = 8192;
    private const int FlagLimitScans = 32768;

    private static readonly Functions? Api = Load();

    /// <summary>Whether the library loaded (and exports what this class calls).</summary>
    public static bool IsAvailable => Api is not null;

    /// <summary>
    /// Decodes <paramref name="jpeg"/> to gray when the route takes it (8-bit Huffman-coded: baseline, extended or
    /// progressive) and the library decodes it cleanly to the size SkiaSharp read from the header; null otherwise.
    /// </summary>
    public static GrayImage? TryDecodeGray(ReadOnlySpan<byte> jpeg, int width, int height, GrayMode mode)
    {
        if (Api is not { } api || !IsEightBitHuffman(jpeg))
        {
            return null;
        }

        var handle = api.Init();
        if (handle == 0)
        {
            return null;
        }

        try
        {
            fixed (byte* source = jpeg)
            {
                int declaredWidth, declaredHeight, subsampling, colorspace;
                if (api.Header(handle, source, new CULong((nuint)jpeg.Length), &declaredWidth, &declaredHeight, &subsampling, &colorspace) != 0
                    || declaredWidth != width || declaredHeight != height)
                {
                    return null;
                }

                var isGray = colorspace == ColorspaceGray;
                var channels = isGray ? 1 : 4;
                var rowBytes = checked(width * channels);
                using var pixels = new Memory.PooledBuffer<byte>(checked(rowBytes * height));
                fixed (byte* destination = pixels.Span)
                {
                    if (api.Decompress(handle, source, new CULong((nuint)jpeg.Length), destination, width, rowBytes, height, isGray ? PixelFormatGray : PixelFormatRgbx, FlagStopOnWarning | FlagLimitScans) != 0)
                    {
                        return null;
                    }
                }

                var image = new GrayImage(width, height);
                try
                {
                    ImageDecoder.ConvertRows(pixels.Span, rowBytes, isGray, image, mode);
                    return image;
                }
                catch
                {
                    image.Dispose();
                    throw;
                }
            }
        }
        finally
        {
            api.Destroy(handle);
        }
    }

    /// <summary>
    /// Whether the first frame header is SOF0, SOF1 or SOF2 (Huffman-coded sequential or progressive) with 8-bit
    /// samples: the files both this library and SkiaSharp's decode, so that the route changes speed, not results.
    /// </summary>
    internal static bool IsEightBitHuffman(ReadOnlySpan<byte> jpeg)
    {
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            return false;
        }

        var at = 2;
        while (at + 4 <= jpeg.Length)
        {
            if (jpeg[at] != 0xFF)
            {
                return false;
            }

            var marker = jpeg[at + 1];
            if (marker == 0xFF)
            {
                at++; // fill byte
                continue;
            }

            var length = (jpeg[at + 2] << 8) | jpeg[at + 3];
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                return marker is 0xC0 or 0xC1 or 0xC2 && at + 4 < jpeg.Length && jpeg[at + 4] == 8;
            }

            if (length < 2 || marker is 0xD9 or 0xDA)
            {
                return false;
            }

            at += 2 + length;
        }

        return false;
    }

    private static Functions? Load()
    {
        foreach (var name in new[] { "libturbojpeg.so.0", "libturbojpeg.so", "libturbojpeg.0.dylib", "libturbojpeg.dylib", "turbojpeg.dll" })
        {
            if (!NativeLibrary.TryLoad(name, out var library))
            {
                continue;
            }

            if (NativeLibrary.TryGetExport(library, "tjInitDecompress", out var init)
                && NativeLibrary.TryGetExport(library, "tjDecompressHeader3", out var header)
                && NativeLibrary.TryGetExport(library, "tjDecompress2", out var decompress)
                && NativeLibrary.TryGetExport(library, "tjDestroy", out var destroy))
            {
                return new Functions(
                    (delegate* unmanaged<nint>)init,
                    (delegate* unmanaged<nint, byte*, CULong, int*, int*, int*, int*, int>)header,
                    (delegate* unmanaged<nint, byte*, CULong, byte*, int, int, int, int, int, int>)decompress,
                    (delegate* unmanaged<nint, int>)destroy);
            }

            NativeLibrary.Free(library);
        }

        return null;
    }

    /// <summary>The four entry points (a class: function pointers cannot be generic arguments).</summary>
    private sealed class Functions(
        delegate* unmanaged<nint> init,
        delegate* unmanaged<nint, byte*, CULong, int*, int*, int*, int*, int> header,
        delegate* unmanaged<nint, byte*, CULong, byte*, int, int, int, int, int, int> decompress,
        delegate* unmanaged<nint, int> destroy)
    {
        public nint Init() => init();

        public int Header(nint handle, byte* jpeg, CULong size, int* width, int* height, int* subsampling, int* colorspace) =>
            header(handle, jpeg, size, width, height, subsampling, colorspace);

        public int Decompress(nint handle, byte* jpeg, CULong size, byte* destination, int width, int pitch, int height, int pixelFormat, int flags) =>
            decompress(handle, jpeg, size, destination, width, pitch, height, pixelFormat, flags);

        public void Destroy(nint handle) => destroy(handle);
    }
}
