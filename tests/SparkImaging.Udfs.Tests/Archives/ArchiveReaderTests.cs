using System.Formats.Tar;
using System.IO.Compression;
using SparkImaging.Udfs.Archives;

namespace SparkImaging.Udfs.Tests.Archives;

/// <summary>The archive reader on its own: detection from bytes, member labels, the size limit, and the listing counts.</summary>
public sealed class ArchiveReaderTests
{
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];

    [Theory]
    [InlineData("shard.tar", ArchiveFormat.Tar)]
    [InlineData("shard.bin", ArchiveFormat.Tar)]
    [InlineData("shard.png", ArchiveFormat.None)]
    public void A_tar_is_known_by_its_ustar_magic_under_any_name_but_an_image_name(string name, ArchiveFormat expected)
    {
        var tar = Tar(("a.png", Png));
        Assert.Equal(expected, ArchiveDetector.Detect(name, tar.AsSpan(0, ArchiveDetector.HeadLength)));
    }

    [Fact]
    public void Zip_and_gzip_are_known_by_their_first_bytes_and_text_is_not_an_archive()
    {
        Assert.Equal(ArchiveFormat.Zip, ArchiveDetector.Detect("x.data", "PK\u0003\u0004rest"u8));
        Assert.Equal(ArchiveFormat.Zip, ArchiveDetector.Detect("empty.zip", "PK\u0005\u0006"u8));
        Assert.Equal(ArchiveFormat.GzipTar, ArchiveDetector.Detect("x.tgz", [0x1F, 0x8B, 8]));
        Assert.Equal(ArchiveFormat.None, ArchiveDetector.Detect("notes.tar", "just some text that is no tar"u8));
        Assert.Equal(ArchiveFormat.None, ArchiveDetector.Detect("x.jpg", "PK\u0003\u0004"u8));
    }

    [Theory]
    [InlineData("a.png", "shards", "shards")]
    [InlineData("dogs/a.png", "shards", "dogs")]
    [InlineData("x/y/cats/a.png", null, "cats")]
    [InlineData("a.png", null, null)]
    public void A_member_is_labelled_by_its_folder_in_the_archive_else_by_the_archives(string member, string? archiveLabel, string? expected) =>
        Assert.Equal(expected, ArchivePath.MemberLabel(member, archiveLabel));

    [Fact]
    public void A_member_over_the_limit_is_an_error_row_and_is_not_read_while_the_next_one_is()
    {
        var big = new byte[5000];
        var sink = new RecordingSink();

        var listing = ArchiveReader.Read(new MemoryStream(Tar(("big.png", big), ("small.png", Png), ("notes.txt", Png))), ArchiveFormat.Tar, maxMemberBytes: 4096, sink);

        Assert.Equal(new ArchiveListing(2, 1, null), listing);
        Assert.Equal(["big.png: unreadable: member of 5000 bytes is over the 4096-byte limit", "small.png: read 11 bytes"], sink.Rows);
    }

    [Fact]
    public void A_gzip_stream_that_is_no_tar_stops_the_listing_with_a_corrupt_archive_error()
    {
        var gzip = new MemoryStream();
        using (var writer = new GZipStream(gzip, CompressionLevel.Fastest, leaveOpen: true))
        {
            // Longer than one 512-byte header, so the reader finds a whole block that is no tar header.
            writer.Write(System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("plain text, gzipped, not a tar archive. ", 20))));
        }

        gzip.Position = 0;
        var listing = ArchiveReader.Read(gzip, ArchiveFormat.GzipTar, long.MaxValue, new RecordingSink());

        Assert.Equal(0, listing.Rows);
        Assert.StartsWith("corrupt: archive cannot be read (", listing.ArchiveRowError, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_content_refuses_a_member_that_holds_more_than_it_declares()
    {
        Span<byte> declared = stackalloc byte[4];
        Assert.Equal("corrupt: member holds more than its declared 4 bytes", ArchiveReader.ReadContent(new MemoryStream([1, 2, 3, 4, 5]), declared));
        Assert.Equal("truncated: member data ends after 3 of 4 bytes", ArchiveReader.ReadContent(new MemoryStream([1, 2, 3]), declared));
        Assert.Null(ArchiveReader.ReadContent(new MemoryStream([1, 2, 3, 4]), declared));
    }

    private static byte[] Tar(params (string Name, byte[] Bytes)[] members)
    {
        var stream = new MemoryStream();
        using (var tar = new TarWriter(stream, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var (name, bytes) in members)
            {
                tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(bytes) });
            }
        }

        return stream.ToArray();
    }

    private sealed class RecordingSink : IArchiveMemberSink
    {
        public List<string> Rows { get; } = [];

        public void Image(ArchiveMember member, Stream content)
        {
            var bytes = new byte[member.Length];
            Rows.Add($"{member.Name}: {ArchiveReader.ReadContent(content, bytes) ?? $"read {bytes.Length} bytes"}");
        }

        public void Failed(ArchiveMember member, string error) => Rows.Add($"{member.Name}: {error}");
    }
}
