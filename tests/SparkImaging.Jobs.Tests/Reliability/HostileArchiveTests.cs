using System.Buffers.Binary;
using System.Formats.Tar;
using System.IO.Compression;
using SparkImaging.Jobs.Tests.Support;
using SparkImaging.Udfs.Archives;

namespace SparkImaging.Jobs.Tests.Reliability;

/// <summary>
/// Hostile archives featurized by the real program in one run: path traversal names, links, a zip bomb whose member
/// lies about its size, nested archives, repeated names, damaged and truncated archives. Each yields its expected rows,
/// the other members keep theirs, nothing is written outside the output, and memory stays bounded.
/// </summary>
public sealed class HostileArchiveTests : IDisposable
{
    private const long PeakMemoryLimit = 256L << 20;
    private const int BombBytes = 64 << 20;
    private const int BombDeclared = 1000;

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Every_hostile_archive_yields_its_expected_rows_and_keeps_the_rest_in_bounded_memory()
    {
        var root = temp.Combine("hostile archives");
        var png = File.ReadAllBytes(Path.Combine(SampleImages.DecodeFixtures, "png_rgb8.png"));
        var other = File.ReadAllBytes(Path.Combine(SampleImages.DecodeFixtures, "png_gray8.png"));
        TestArchives.WriteTar(Path.Combine(root, "traversal.tar"), [new("../../evil.png", png), new("/abs/evil.png", png), new("ok.png", png)]);
        TestArchives.WriteTar(Path.Combine(root, "links.tar"), [
            new("target.png", png),
            new("link.png", null, TarEntryType.SymbolicLink, "/etc/passwd"),
            new("hard.png", null, TarEntryType.HardLink, "target.png"),
            new("dev.png", null, TarEntryType.CharacterDevice)]);
        TestArchives.WriteZip(Path.Combine(root, "links.zip"), [new("real.png", png), new("link.png", null, LinkTarget: "../../../etc/passwd")]);
        TestArchives.WriteTar(Path.Combine(root, "duplicates.tar"), [new("a.png", png), new("a.png", other), new("./a.png", other)]);
        var inner = temp.Combine("inner.zip");
        TestArchives.WriteZip(inner, [new("deep.png", png)]);
        TestArchives.WriteTar(Path.Combine(root, "nested.tar"), [new("inner.zip", File.ReadAllBytes(inner)), new("x.png", png)]);
        WriteZipBomb(Path.Combine(root, "bomb.zip"));
        WriteCorruptedCrc(Path.Combine(root, "crc.zip"), png);
        TestArchives.WriteTar(Path.Combine(root, "json-only.tar"), [new("0001.json", "{}"u8.ToArray())]);
        File.WriteAllBytes(Path.Combine(root, "empty.zip"), [(byte)'P', (byte)'K', 5, 6, .. new byte[18]]);
        File.WriteAllText(Path.Combine(root, "not-a-tar.tar"), "hello, I am text, not a tar");
        File.WriteAllBytes(Path.Combine(root, "garbage.tar.gz"), [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, .. Enumerable.Repeat((byte)0xEE, 200)]);
        var three = temp.Combine("three.tar");
        TestArchives.WriteTar(three, [new("1.png", png), new("2.png", other), new("3.png", png)]);
        var bytes = File.ReadAllBytes(three);
        File.WriteAllBytes(Path.Combine(root, "truncated.tar"), bytes[..(bytes.Length / 2)]);
        var gzipped = temp.Combine("three.tar.gz");
        TestArchives.WriteTar(gzipped, [new("1.png", png), new("2.png", other), new("3.png", png)], gzip: true);
        bytes = File.ReadAllBytes(gzipped);
        File.WriteAllBytes(Path.Combine(root, "truncated.tar.gz"), bytes[..(bytes.Length - 100)]);
        var output = temp.Combine("out");

        var (result, peak) = MeasuredRun.Run(TimeSpan.FromSeconds(90), "featurize", "--input", root, "--output", output, "--workers", "2", "--max-error-fraction", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        // Relative by text: Path.GetRelativePath would resolve the members' "..".
        var rows = DatasetRows.Read(output).Select(r => (Path: r.Path[(root.Length + 1)..], r.Error)).ToList();
        string? Error(string path) => Assert.Single(rows, r => r.Path == path).Error;
        Assert.StartsWith("unsafe member name: '../../evil.png'", Error("traversal.tar!/../../evil.png"), StringComparison.Ordinal);
        Assert.StartsWith("unsafe member name: '/abs/evil.png'", Error("traversal.tar!//abs/evil.png"), StringComparison.Ordinal);
        Assert.Null(Error("traversal.tar!/ok.png"));
        Assert.Null(Error("links.tar!/target.png"));
        Assert.Equal("unsupported format: symbolic link member, not followed", Error("links.tar!/link.png"));
        Assert.Equal("unsupported format: hard link member, not followed", Error("links.tar!/hard.png"));
        Assert.Equal("unsupported format: member is a CharacterDevice entry, not a file", Error("links.tar!/dev.png"));
        Assert.Null(Error("links.zip!/real.png"));
        Assert.Equal("unsupported format: symbolic link member, not followed", Error("links.zip!/link.png"));
        var duplicates = rows.Where(r => r.Path == "duplicates.tar!/a.png").Select(r => r.Error ?? "features").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["duplicate member: an earlier member has this name; only the first is read", "duplicate member: an earlier member has this name; only the first is read", "features"], duplicates);
        Assert.Equal("unsupported format: nested archive, not opened (archives inside archives are not read)", Error("nested.tar!/inner.zip"));
        Assert.Null(Error("nested.tar!/x.png"));
        Assert.StartsWith("corrupt: ", Error("bomb.zip!/bomb.png"), StringComparison.Ordinal);
        Assert.StartsWith("corrupt: ", Error("crc.zip!/crc.png"), StringComparison.Ordinal);
        Assert.Equal("unsupported format: archive holds no image member (1 other members skipped)", Error("json-only.tar"));
        Assert.Equal("unsupported format: archive holds no image member (0 other members skipped)", Error("empty.zip"));
        Assert.StartsWith("unsupported format", Error("not-a-tar.tar"), StringComparison.Ordinal);
        Assert.StartsWith("corrupt: archive cannot be read (", Error("garbage.tar.gz"), StringComparison.Ordinal);

        // Damage keeps what was read before it: the first members' features, an error for the cut one.
        Assert.Null(Error("truncated.tar!/1.png"));
        Assert.Equal("truncated: member data ends after 256 of 966 bytes", Error("truncated.tar!/2.png"));
        Assert.Equal("truncated: archive cannot be read past its first 2 members (EndOfStreamException)", Error("truncated.tar"));
        Assert.Null(Error("truncated.tar.gz!/1.png"));
        Assert.StartsWith("truncated: archive cannot be read past its first ", Error("truncated.tar.gz"), StringComparison.Ordinal);

        // Nothing was extracted anywhere; the bomb's 64 MB never sat in memory.
        Assert.False(File.Exists(temp.Combine("evil.png")) || File.Exists("/abs/evil.png"));
        Assert.Equal(["_INPUTS", "_SUCCESS"], Directory.GetFiles(output).Select(Path.GetFileName).Where(n => !n!.StartsWith("part-", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.True(peak is > 0 and < PeakMemoryLimit, $"peak resident memory {peak >> 20} MB (limit {PeakMemoryLimit >> 20} MB)");
        Assert.Contains("members that are not images skipped", result.Stdout, StringComparison.Ordinal);
    }

    /// <summary>A deflated member of 64 MB of zeros whose headers declare 1,000 bytes.</summary>
    private static void WriteZipBomb(string path)
    {
        TestArchives.WriteZip(path, [new("bomb.png", new byte[BombBytes])], CompressionLevel.SmallestSize);
        var zip = File.ReadAllBytes(path);
        PatchUInt32(zip, "PK\u0003\u0004"u8, 22, BombDeclared);
        PatchUInt32(zip, "PK\u0001\u0002"u8, 24, BombDeclared);
        File.WriteAllBytes(path, zip);
    }

    /// <summary>A stored member with one byte of its data changed after the CRC-32 was written.</summary>
    private static void WriteCorruptedCrc(string path, byte[] png)
    {
        TestArchives.WriteZip(path, [new("crc.png", png)], CompressionLevel.NoCompression);
        var zip = File.ReadAllBytes(path);
        var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(26));
        var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(zip.AsSpan(28));
        zip[30 + nameLength + extraLength + 100] ^= 0xFF;
        File.WriteAllBytes(path, zip);
    }

    private static void PatchUInt32(byte[] zip, ReadOnlySpan<byte> signature, int offset, uint value)
    {
        var at = zip.AsSpan().IndexOf(signature);
        Assert.True(at >= 0);
        BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(at + offset), value);
    }
}
