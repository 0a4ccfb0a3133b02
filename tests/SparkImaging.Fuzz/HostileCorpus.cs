using SkiaSharp;
using SparkImaging.Udfs.Imaging;

namespace SparkImaging.Fuzz;

/// <summary>
/// The hostile-input corpus, generated deterministically from the committed decoder fixtures
/// (tests/fixtures/decode) and byte-level builders: truncations and bit flips of every format, empty, random and
/// text files, lying extensions, decompression bombs of every format, tiny and unusual valid images.
/// </summary>
public static class HostileCorpus
{
    /// <summary>One seed per format (and the unusual variants), by fixture file name.</summary>
    public static readonly IReadOnlyList<string> SeedFixtures =
    [
        "png_rgb8.png", "png_gray16.png", "png_palette_transparent.png", "png_gray16_interlaced.png",
        "jpeg_baseline.jpg", "jpeg_progressive.jpg", "jpeg_cmyk.jpg", "gif_animated.gif", "bmp_rgb.bmp",
        "webp_lossy.webp", "webp_lossless.webp", "tiff_rgb8.tif", "tiff_gray16.tif",
    ];

    private const string AnimatedGif = "gif_animated.gif";

    /// <summary>Where the first frame's image data of <see cref="AnimatedGif"/> ends.</summary>
    private const int FirstGifFrameEnd = 2664;

    private static readonly DecodeFailure[] Damaged = [DecodeFailure.Truncated, DecodeFailure.Corrupt];

    /// <summary>Every case, in a stable order.</summary>
    public static IReadOnlyList<HostileCase> Build(string decodeFixtures)
    {
        var cases = new List<HostileCase>();
        foreach (var name in SeedFixtures)
        {
            var bytes = File.ReadAllBytes(Path.Combine(decodeFixtures, name));
            var info = ImageDecoder.ReadInfo(bytes);
            var stem = Path.GetFileNameWithoutExtension(name);
            var extension = Path.GetExtension(name);
            cases.Add(new($"valid/{name}", bytes, HostileExpectation.Features(info.Width, info.Height)));

            // Cut inside the header, at a quarter, half and three quarters: the data ends before the image does.
            foreach (var cut in new[] { 16, bytes.Length / 4, bytes.Length / 2, bytes.Length * 3 / 4 })
            {
                // Only the first frame of an animation is read: a cut in a later frame still decodes.
                var expected = name == AnimatedGif && cut > FirstGifFrameEnd ? HostileExpectation.FeaturesOr(Damaged) : HostileExpectation.Fails(Damaged);
                cases.Add(new($"truncated/{stem}.cut{cut}{extension}", bytes[..cut], expected));
            }

            // One byte short: only a trailer is missing, which decoders may forgive.
            cases.Add(new($"truncated/{stem}.cut{bytes.Length - 1}{extension}", bytes[..^1], HostileExpectation.FeaturesOr(Damaged)));

            // A flip in the signature makes it no format; flips in the body may go unnoticed (JPEG has no checksum).
            cases.Add(new($"bitflip/{stem}.flip1{extension}", Flip(bytes, 1, 0), HostileExpectation.Fails(DecodeFailure.UnsupportedFormat)));
            foreach (var at in new[] { bytes.Length / 3, bytes.Length / 2, bytes.Length * 2 / 3 })
            {
                cases.Add(new($"bitflip/{stem}.flip{at}{extension}", Flip(bytes, at, at % 8), HostileExpectation.FeaturesOr([.. Damaged, DecodeFailure.TooManyPixels])));
            }
        }

        var jpeg = File.ReadAllBytes(Path.Combine(decodeFixtures, "jpeg_progressive.jpg"));
        var jpegInfo = ImageDecoder.ReadInfo(jpeg);
        var noise = new byte[4096];
        new Random(20240607).NextBytes(noise);
        noise[0] = 0x00; // no signature can start with it
        cases.Add(new("odd/empty.png", [], HostileExpectation.Fails(DecodeFailure.Empty)));
        cases.Add(new("odd/random.jpg", noise, HostileExpectation.Fails(DecodeFailure.UnsupportedFormat)));
        cases.Add(new("odd/text.png", "I am a text file, not a picture.\n"u8.ToArray(), HostileExpectation.Fails(DecodeFailure.UnsupportedFormat)));
        cases.Add(new("odd/jpeg.png", jpeg, HostileExpectation.Features(jpegInfo.Width, jpegInfo.Height)));
        cases.Add(new("odd/signature only.png", [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], HostileExpectation.Fails(DecodeFailure.Truncated)));
        cases.Add(new("names/ünïcode näme.png", HostileImages.Encode(9, 7, SKEncodedImageFormat.Png), HostileExpectation.Features(9, 7)));
        cases.Add(new("names/with  spaces .jpg", HostileImages.Encode(12, 8, SKEncodedImageFormat.Jpeg), HostileExpectation.Features(12, 8)));

        var tooMany = HostileExpectation.Fails(DecodeFailure.TooManyPixels);
        cases.Add(new("bombs/png_100k.png", HostileImages.PngBomb(100_000, 100_000), tooMany));
        cases.Add(new("bombs/png_max.png", HostileImages.PngBomb(int.MaxValue, int.MaxValue), tooMany));
        cases.Add(new("bombs/jpeg_baseline_60k.jpg", HostileImages.JpegWithSize(File.ReadAllBytes(Path.Combine(decodeFixtures, "jpeg_baseline.jpg")), 60_000, 60_000), tooMany));
        cases.Add(new("bombs/jpeg_progressive_60k.jpg", HostileImages.JpegWithSize(jpeg, 60_000, 60_000), tooMany));
        cases.Add(new("bombs/gif_screen_and_frame.gif", HostileImages.GifBomb(65_535, 65_535, 65_535, 65_535), tooMany));
        cases.Add(new("bombs/gif_frame_only.gif", HostileImages.GifBomb(16, 16, 65_535, 65_535), tooMany));
        cases.Add(new("bombs/bmp_60k.bmp", HostileImages.BmpBomb(60_000, 60_000), tooMany));
        cases.Add(new("bombs/bmp_top_down.bmp", HostileImages.BmpBomb(60_000, -60_000), tooMany));
        cases.Add(new("bombs/bmp_over_codec_limit.bmp", HostileImages.BmpBomb(100_000, 100_000), HostileExpectation.Fails(DecodeFailure.Corrupt)));
        cases.Add(new("bombs/webp_vp8l.webp", HostileImages.WebPLosslessBomb(16_384, 16_384), tooMany));
        cases.Add(new("bombs/webp_vp8.webp", HostileImages.WebPLossyBomb(16_383, 16_383), tooMany));
        cases.Add(new("bombs/webp_vp8x.webp", HostileImages.WebPExtendedBomb(16_384, 16_384), tooMany));
        cases.Add(new("bombs/tiff_100k.tif", HostileImages.TiffWithSize(File.ReadAllBytes(Path.Combine(decodeFixtures, "tiff_rgb8.tif")), 100_000, 100_000), tooMany));
        cases.Add(new("bombs/tiff_strips_unlisted.tif", HostileImages.TiffWithSize(File.ReadAllBytes(Path.Combine(decodeFixtures, "tiff_gray16.tif")), 17, int.MaxValue, oneStrip: false), HostileExpectation.Fails(DecodeFailure.Corrupt)));
        cases.Add(new("bombs/tiff16_100k.tif", HostileImages.TiffWithSize(File.ReadAllBytes(Path.Combine(decodeFixtures, "tiff_gray16.tif")), 100_000, 100_000), tooMany));

        // Valid but unusual: smaller than the LBP footprint 2R+1, one pixel, EXIF orientation 6 (kept as stored).
        cases.Add(new("tiny/one.png", HostileImages.Encode(1, 1, SKEncodedImageFormat.Png), HostileExpectation.Features(1, 1)));
        cases.Add(new("tiny/one.jpg", HostileImages.Encode(1, 1, SKEncodedImageFormat.Jpeg), HostileExpectation.Features(1, 1)));
        cases.Add(new("tiny/one.webp", HostileImages.Encode(1, 1, SKEncodedImageFormat.Webp), HostileExpectation.Features(1, 1)));
        cases.Add(new("tiny/three.png", HostileImages.Encode(3, 3, SKEncodedImageFormat.Png), HostileExpectation.Features(3, 3)));
        cases.Add(new("tiny/six_by_two.png", HostileImages.Encode(6, 2, SKEncodedImageFormat.Png), HostileExpectation.Features(6, 2)));
        cases.Add(new("exif/orientation6.jpg", HostileImages.WithExifOrientation(HostileImages.Encode(40, 20, SKEncodedImageFormat.Jpeg), 6), HostileExpectation.Features(40, 20)));
        return cases;
    }

    private static byte[] Flip(byte[] bytes, int at, int bit)
    {
        var copy = (byte[])bytes.Clone();
        copy[at] ^= (byte)(1 << bit);
        return copy;
    }
}
