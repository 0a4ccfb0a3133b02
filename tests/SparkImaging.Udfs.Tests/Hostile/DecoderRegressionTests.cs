using SparkImaging.Fuzz;
using SparkImaging.Udfs.Imaging;

namespace SparkImaging.Udfs.Tests.Hostile;

/// <summary>Decoder bugs the hostile corpus and the fuzzer found, one test each.</summary>
public class DecoderRegressionTests
{
    [Theory]
    [InlineData(4)]
    [InlineData(2)]
    [InlineData(3)]
    public void Cut_tiff_is_truncated_not_zero_filled_features(int fraction)
    {
        // LibTiff returned success with the missing strip zero-filled, so the row had features of a half-black image.
        var tiff = File.ReadAllBytes(Path.Combine(TestPaths.DecodeFixtures, "tiff_rgb8.tif"));
        var e = Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeGray(tiff.AsSpan(0, tiff.Length * (fraction - 1) / fraction), GrayMode.Mean, long.MaxValue).Dispose());
        Assert.Equal(DecodeFailure.Truncated, e.Failure);
    }

    [Fact]
    public void Tiff_needing_unlisted_strips_is_refused_before_libtiff_opens_it()
    {
        var tiff = HostileImages.TiffWithSize(File.ReadAllBytes(Path.Combine(TestPaths.DecodeFixtures, "tiff_gray16.tif")), 17, int.MaxValue, oneStrip: false);
        var e = Assert.Throws<ImageDecodeException>(() => ImageDecoder.ReadInfo(tiff));
        Assert.Equal(DecodeFailure.Corrupt, e.Failure);
    }

    [Theory]
    [InlineData("tiff-duplicate-length-tag-slow-open.bin", "568262677")]
    [InlineData("tiff-duplicate-rows-per-strip-slow-open.bin", "251658251")]
    public void Tiff_with_a_tag_twice_is_judged_by_the_worst_occurrence(string file, string declaredLength)
    {
        // AFL++ (featurize-crc), two hangs of one shape: ImageLength (or RowsPerStrip) twice, LibTiff keeping the
        // occurrence that needs ~10^8 strips, the guard the other; one strip listed. LibTiff took 11-14 s and 5-6 GB
        // to open 248 bytes.
        var tiff = File.ReadAllBytes(Path.Combine(TestPaths.RepositoryRoot, "tests", "fixtures", "fuzz-regressions", file));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var e = Assert.Throws<ImageDecodeException>(() => ImageDecoder.ReadInfo(tiff));
        Assert.Equal(DecodeFailure.Corrupt, e.Failure);
        Assert.Contains(declaredLength, e.Reason, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Consistent_tiff_bomb_is_too_many_pixels()
    {
        var tiff = HostileImages.TiffWithSize(File.ReadAllBytes(Path.Combine(TestPaths.DecodeFixtures, "tiff_rgb8.tif")), 100_000, 100_000);
        var e = Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeGray(tiff, GrayMode.Mean, 1 << 20).Dispose());
        Assert.Equal(DecodeFailure.TooManyPixels, e.Failure);
    }

    [Theory]
    [InlineData(PngRoute.Managed)]
    [InlineData(PngRoute.Runtime)]
    public void Png_image_data_asking_for_a_preset_dictionary_is_corrupt_on_both_routes(PngRoute route)
    {
        // The runtime route let zlib's ZLibException (Z_NEED_DICT) escape: found by `mutate 2026 1000000` (png-diff).
        var scanlines = new byte[9 * (1 + (9 * 2))];
        var zlib = PngFile.Deflate(scanlines);
        var flags = (zlib[1] & 0xC0) | 0x20; // FDICT, FCHECK cleared
        zlib[1] = (byte)(flags + ((31 - (((zlib[0] << 8) | flags) % 31)) % 31)); // FCHECK: header a multiple of 31
        var png = PngFile.Build(("IHDR", PngFile.Header(9, 9, 16, 0)), ("IDAT", [.. zlib[..2], 0, 0, 0, 0, .. zlib[2..]]), ("IEND", []));
        var e = Assert.Throws<ImageDecodeException>(() => ImageDecoder.DecodeGray(png, ImageDecoder.ReadInfo(png), GrayMode.Mean, long.MaxValue, route).Dispose());
        Assert.Equal(DecodeFailure.Corrupt, e.Failure);
    }
}
