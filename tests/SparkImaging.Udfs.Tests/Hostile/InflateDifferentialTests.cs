using System.IO.Compression;
using SparkImaging.Fuzz;
using static SparkImaging.Fuzz.InflateTarget;

namespace SparkImaging.Udfs.Tests.Hostile;

/// <summary>
/// The raw-inflate differential target's oracle (<see cref="InflateTarget.Expected"/>): what zlib's reading of a
/// stream allows our inflater to say, including the allowances docs/fuzzing.md explains.
/// </summary>
public class InflateDifferentialTests
{
    private static readonly byte[] Data = Enumerable.Range(0, 3000).Select(i => (byte)((i * 7) ^ (i >> 4))).ToArray();

    [Fact]
    public void A_whole_stream_inflates_and_a_wrong_checksum_is_corrupt()
    {
        var zlib = PngFile.Deflate(Data);
        Assert.Equal([Outcome.Inflated], Expected(zlib, Data.Length).Allowed);
        zlib[^1] ^= 1;
        Assert.Equal([Outcome.Corrupt], Expected(zlib, Data.Length).Allowed);
        Assert.Equal([Outcome.Inflated], Expected(zlib, Data.Length - 1).Allowed); // the checksum lies beyond the image
        Run(Input(Data.Length, zlib));
        Run(Input(Data.Length - 1, zlib));
    }

    [Fact]
    public void A_stream_ending_before_the_image_is_truncated()
    {
        var zlib = PngFile.Deflate(Data);
        Assert.Equal([Outcome.Truncated], Expected(zlib, Data.Length + 1).Allowed);
        Assert.Equal([Outcome.Truncated], Expected(zlib.AsSpan(0, zlib.Length / 2), Data.Length).Allowed);
        Run(Input(Data.Length + 1, zlib));
        Run(Input(Data.Length, zlib.AsSpan(0, zlib.Length / 2)));
    }

    [Fact]
    public void A_stream_cut_after_the_image_may_be_truncated_for_ours()
    {
        // Stored blocks: ours reads a stored block whole, zlib hands out what it has.
        var zlib = PngFile.Deflate(Data, CompressionLevel.NoCompression);
        var cut = zlib[..^10];
        Assert.Equal([Outcome.Inflated, Outcome.Truncated], Expected(cut, Data.Length - 20).Allowed);
        Run(Input(Data.Length - 20, cut));
    }

    [Fact]
    public void A_doomed_stream_may_be_corrupt_for_ours_before_zlib_sees_it()
    {
        // A dynamic block whose code-length code is empty: ours refuses the header; zlib fails only at the next code.
        byte[] zlib = [0x78, 0xDA, 0x64, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01];
        Assert.Contains(Outcome.Corrupt, Expected(zlib, 0).Allowed);
        Run(Input(0, zlib));
    }

    [Fact]
    public void A_bad_header_is_corrupt()
    {
        var zlib = PngFile.Deflate(Data);
        zlib[1] ^= 0x20; // preset dictionary (and a wrong check)
        Assert.Equal([Outcome.Corrupt], Expected(zlib, Data.Length).Allowed);
        Run(Input(Data.Length, zlib));
    }

    [Fact]
    public void Every_seed_agrees() => Assert.All(InflateCorpus.Build(TestPaths.DecodeFixtures), seed => Run(seed));
}
