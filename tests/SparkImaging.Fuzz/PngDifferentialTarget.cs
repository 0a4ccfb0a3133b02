using SparkImaging.Udfs.Imaging;

namespace SparkImaging.Fuzz;

/// <summary>
/// Differential PNG target: on the same (CRC-repaired) file, our decoder against SkiaSharp (libpng + zlib), and our
/// decoder against itself with the runtime's zlib (<see cref="PngRoute.Runtime"/>). Same pixels (within
/// <see cref="Tolerance"/>), or both reject, or the one documented reason: <see cref="PngDifference.OutsideScanlines"/>.
/// </summary>
public static class PngDifferentialTarget
{
    /// <summary>
    /// How far SkiaSharp's gray may be from ours, in 8-bit levels: 0, except for 16-bit PNGs, whose samples libpng
    /// reduces to their high byte (v >> 8) where ours keeps v (compared as v / 257): under one level.
    /// </summary>
    public static double Tolerance(int bitDepth) => bitDepth == 16 ? 1 - 1e-9 : 0;

    /// <summary>Runs one input as given (callers repair checksums first when they want mutations to reach inflate).</summary>
    public static void Run(ReadOnlySpan<byte> png)
    {
        PngHeader header;
        try
        {
            header = ImageFormatDetector.Detect(png) == ImageFormat.Png ? PngHeader.Read(png) : throw new ImageDecodeException(DecodeFailure.UnsupportedFormat, "not a PNG");
        }
        catch (ImageDecodeException)
        {
            return; // not a PNG, or a header every route refuses alike (the header reader is shared)
        }

        if ((long)header.Width * header.Height > FuzzTarget.MaxPixels || !PngDecoder.Takes(header))
        {
            return; // too big to be quick; or SkiaSharp's on every route
        }

        using var ours = Decode(png, header, Decoder.Ours);
        using var oursOnZlib = Decode(png, header, Decoder.OursOnZLibStream);
        using var skia = Decode(png, header, Decoder.SkiaSharp);

        // Our unfilters over either inflater: exactly the same, or both refuse.
        Compare(ours, oursOnZlib, 0, "our inflate vs ZLibStream under our PNG decoder", OneSidedOutsideScanlines(png, ours, oursOnZlib, bIsOurs: true));
        Compare(ours, skia, Tolerance(header.BitDepth), "our PNG decoder vs SkiaSharp", OneSidedOutsideScanlines(png, ours, skia, bIsOurs: false));
    }

    /// <summary>Whether exactly one of <paramref name="ours"/> and <paramref name="b"/> decoded, for a reason outside the scanlines.</summary>
    /// <remarks>When ours is the side that failed, it must also have failed as our inflater's oracle allows.</remarks>
    private static bool OneSidedOutsideScanlines(ReadOnlySpan<byte> png, Decoded ours, Decoded b, bool bIsOurs) =>
        (ours.Image is null) != (b.Image is null)
        && PngDifference.OutsideScanlines(png, (ours.Image ?? b.Image)!, oursDecoded: ours.Image is not null || bIsOurs)
        && (ours.Failure is null || PngDifference.InflaterAllows(png, ours.Failure));

    /// <summary>Pixels (16-bit ones in 8-bit levels) or the failure.</summary>
    private static Decoded Decode(ReadOnlySpan<byte> png, PngHeader header, Decoder decoder)
    {
        try
        {
            return decoder == Decoder.SkiaSharp
                ? new Decoded(ImageDecoder.DecodeWithSkia(png, GrayMode.Mean), null, Scale: 1)
                : new Decoded(PngDecoder.Decode(png, header, GrayMode.Mean, runtimeInflate: decoder == Decoder.OursOnZLibStream), null, header.BitDepth == 16 ? 257 : 1);
        }
        catch (ImageDecodeException e)
        {
            return new Decoded(null, e, 1);
        }
    }

    /// <param name="explained">A one-sided failure is <see cref="PngDifference.OutsideScanlines"/>.</param>
    private static void Compare(Decoded a, Decoded b, double tolerance, string what, bool explained)
    {
        if ((a.Image is null && b.Image is null) || (((a.Image is null) != (b.Image is null)) && explained))
        {
            return;
        }

        if (a.Image is null || b.Image is null)
        {
            throw new FuzzInvariantException($"{what}: {Describe(a)} but {Describe(b)}");
        }

        if (!PngDifference.Same(a.Image, a.Scale, b.Image, b.Scale, tolerance))
        {
            throw new FuzzInvariantException($"{what}: the pixels differ ({a.Image.Width}×{a.Image.Height}, {b.Image.Width}×{b.Image.Height})");
        }
    }

    private static string Describe(Decoded d) => d.Image is null ? $"fails ({d.Failure!.Message})" : "decodes";

    private enum Decoder
    {
        Ours,
        OursOnZLibStream,
        SkiaSharp,
    }

    private sealed record Decoded(GrayImage? Image, ImageDecodeException? Failure, double Scale) : IDisposable
    {
        public void Dispose() => Image?.Dispose();
    }
}
