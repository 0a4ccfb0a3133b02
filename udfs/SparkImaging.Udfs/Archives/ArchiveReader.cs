using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.IO.Hashing;
using SparkImaging.Udfs.Features;
using SparkImaging.Udfs.Imaging;

namespace SparkImaging.Udfs.Archives;

/// <summary>
/// Reads the members of a tar, gzip-compressed tar or zip archive in order, straight from a stream, with the runtime's
/// System.Formats.Tar and System.IO.Compression: nothing is extracted to disk and only the member being read is in
/// memory (a zip's central directory too). Image members go to the sink; other members are skipped and counted; links,
/// unsafe or repeated names, nested archives and members over the size limit become error rows. A damaged archive keeps
/// the rows of the members read before the damage and reports why it stopped.
/// </summary>
public static class ArchiveReader
{
    private const int UnixFileTypeMask = 0xF000;
    private const int UnixSymbolicLink = 0xA000;
    private const int UnixDirectory = 0x4000;

    /// <summary>Reads <paramref name="archive"/> (positioned at its start, left open) into <paramref name="sink"/>.</summary>
    /// <param name="archive">The archive's bytes; a zip needs a seekable stream.</param>
    /// <param name="format">Its format, from <see cref="ArchiveDetector.Detect"/>.</param>
    /// <param name="maxMemberBytes">Larger members are not read (an error row each).</param>
    /// <param name="sink">Receives the members that become rows.</param>
    public static ArchiveListing Read(Stream archive, ArchiveFormat format, long maxMemberBytes, IArchiveMemberSink sink)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(sink);
        var state = new ListingState(maxMemberBytes, sink);
        try
        {
            switch (format)
            {
                case ArchiveFormat.Tar:
                    ReadTar(archive, state);
                    break;
                case ArchiveFormat.GzipTar:
                    using (var gzip = new GZipStream(archive, CompressionMode.Decompress, leaveOpen: true))
                    {
                        ReadTar(gzip, state);
                    }

                    break;
                case ArchiveFormat.Zip:
                    ReadZip(archive, state);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(format), format, "Not an archive format.");
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or FormatException or OverflowException or ArgumentException or NotSupportedException)
        {
            // The archive's own bytes are untrusted: whatever its readers throw on them ends the listing, never the batch.
            return state.Stopped(e);
        }

        return state.Listing();
    }

    /// <summary>
    /// Reads a member's bytes into <paramref name="destination"/> (its declared length) and checks that there are no more;
    /// returns null, or the row's error. The texts name no exception message, so every runtime writes the same row.
    /// </summary>
    public static string? ReadContent(Stream content, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(content);
        try
        {
            var read = 0;
            while (read < destination.Length)
            {
                var count = content.Read(destination[read..]);
                if (count == 0)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"{ImageDecodeException.Name(DecodeFailure.Truncated)}: member data ends after {read} of {destination.Length} bytes");
                }

                read += count;
            }

            // A member that inflates past its declared length (a zip bomb's lie) is refused, never cut to size.
            Span<byte> probe = stackalloc byte[1];
            return content.Read(probe) == 0
                ? null
                : string.Create(CultureInfo.InvariantCulture, $"{ImageDecodeException.Name(DecodeFailure.Corrupt)}: member holds more than its declared {destination.Length} bytes");
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
        {
            return $"{ImageDecodeException.Name(e is EndOfStreamException ? DecodeFailure.Truncated : DecodeFailure.Corrupt)}: member data cannot be read ({e.GetType().Name})";
        }
    }

    private static void ReadTar(Stream source, ListingState state)
    {
        using var tar = new TarReader(source, leaveOpen: true);
        while (tar.GetNextEntry() is { } entry)
        {
            var kind = entry.EntryType switch
            {
                TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile => MemberKind.File,
                TarEntryType.Directory or TarEntryType.GlobalExtendedAttributes or TarEntryType.DirectoryList => MemberKind.NotAMember,
                TarEntryType.SymbolicLink => MemberKind.SymbolicLink,
                TarEntryType.HardLink => MemberKind.HardLink,
                _ => MemberKind.Other,
            };
            // The reader owns the data stream and skips what the sink leaves unread.
            state.Member(entry.Name, entry.ModificationTime, entry.Length, kind, entry.EntryType.ToString(), () => entry.DataStream ?? Stream.Null, ownsStream: false, expectedCrc: null);
        }
    }

    private static void ReadZip(Stream source, ListingState state)
    {
        using var zip = new ZipArchive(source, ZipArchiveMode.Read, leaveOpen: true);
        foreach (var entry in zip.Entries)
        {
            // Unix tools keep the file mode in the high half of the external attributes; others leave it zero.
            var mode = (entry.ExternalAttributes >> 16) & UnixFileTypeMask;
            var kind = entry.FullName.EndsWith('/') || mode == UnixDirectory ? MemberKind.NotAMember
                : mode == UnixSymbolicLink ? MemberKind.SymbolicLink
                : MemberKind.File;
            state.Member(entry.FullName, entry.LastWriteTime, entry.Length, kind, "file", entry.Open, ownsStream: true, entry.Crc32);
        }
    }

    private enum MemberKind
    {
        File,
        NotAMember,
        SymbolicLink,
        HardLink,
        Other,
    }

    /// <summary>The counts and the names seen while one archive is read.</summary>
    private sealed class ListingState(long maxMemberBytes, IArchiveMemberSink sink)
    {
        private readonly HashSet<string> names = new(StringComparer.Ordinal);
        private long rows;
        private long skipped;

        public ArchiveListing Listing() => new(rows, skipped, null);

        public ArchiveListing Stopped(Exception e)
        {
            var failure = e is EndOfStreamException ? DecodeFailure.Truncated : DecodeFailure.Corrupt;
            var where = rows + skipped == 0 ? "archive cannot be read" : string.Create(CultureInfo.InvariantCulture, $"archive cannot be read past its first {rows + skipped} members");
            return new ArchiveListing(rows, skipped, $"{ImageDecodeException.Name(failure)}: {where} ({e.GetType().Name})");
        }

        public void Member(string storedName, DateTimeOffset? modified, long length, MemberKind kind, string type, Func<Stream> open, bool ownsStream, uint? expectedCrc)
        {
            if (kind == MemberKind.NotAMember)
            {
                return;
            }

            var name = WithoutCurrentDirectory(storedName);
            if (!InputNames.IsTaken(name))
            {
                skipped++;
                return;
            }

            rows++;
            var member = new ArchiveMember(name, modified, length);
            if (Unsafe(name))
            {
                sink.Failed(member, $"unsafe member name: '{name}' would leave the archive's folder; not read");
            }
            else if (!names.Add(name))
            {
                sink.Failed(member, "duplicate member: an earlier member has this name; only the first is read");
            }
            else if (kind is MemberKind.SymbolicLink or MemberKind.HardLink)
            {
                sink.Failed(member, $"{ImageDecodeException.Name(DecodeFailure.UnsupportedFormat)}: {(kind == MemberKind.HardLink ? "hard" : "symbolic")} link member, not followed");
            }
            else if (kind == MemberKind.Other)
            {
                sink.Failed(member, $"{ImageDecodeException.Name(DecodeFailure.UnsupportedFormat)}: member is a {type} entry, not a file");
            }
            else if (InputNames.IsArchive(name))
            {
                sink.Failed(member, $"{ImageDecodeException.Name(DecodeFailure.UnsupportedFormat)}: nested archive, not opened (archives inside archives are not read)");
            }
            else if (length > maxMemberBytes || length > Array.MaxLength)
            {
                sink.Failed(member, string.Create(CultureInfo.InvariantCulture, $"{ImageDecodeException.Name(DecodeFailure.Unreadable)}: member of {length} bytes is over the {maxMemberBytes}-byte limit"));
            }
            else
            {
                Read(member, open, ownsStream, expectedCrc);
            }
        }

        private void Read(ArchiveMember member, Func<Stream> open, bool ownsStream, uint? expectedCrc)
        {
            Stream stream;
            try
            {
                stream = open();
            }
            catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
            {
                // A zip member whose compression method is unknown, or whose local header is damaged.
                sink.Failed(member, $"{ImageDecodeException.Name(DecodeFailure.Corrupt)}: member cannot be opened ({e.GetType().Name})");
                return;
            }

            using var owned = ownsStream ? stream : null;
            sink.Image(member, expectedCrc is { } crc ? new CrcCheckedStream(stream, crc, member.Length) : stream);
        }

        /// <summary>A tar made with <c>tar -C dir .</c> names its members <c>./a.png</c>; the row says <c>a.png</c>.</summary>
        private static string WithoutCurrentDirectory(string name)
        {
            while (name.StartsWith("./", StringComparison.Ordinal))
            {
                name = name[2..];
            }

            return name;
        }

        /// <summary>An absolute name, a drive, or a <c>..</c> step: never written anywhere, but not a member of this archive either.</summary>
        private static bool Unsafe(string name) =>
            name.Length == 0 || name[0] is '/' or '\\' || (name.Length > 1 && name[1] == ':') ||
            name.Split('/', '\\').Any(step => step == "..");
    }

    /// <summary>
    /// A zip member's data, checked against the CRC-32 its header declares when its declared length has been read:
    /// the runtime's own check differs between .NET versions, and the worker (.NET 8) must write the rows the CLI writes.
    /// </summary>
    private sealed class CrcCheckedStream(Stream inner, uint expected, long length) : Stream
    {
        private readonly Crc32 crc = new();
        private long read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => read; set => throw new NotSupportedException(); }

        public override int Read(Span<byte> buffer)
        {
            var count = inner.Read(buffer);
            crc.Append(buffer[..count]);
            read += count;
            if (read == length && crc.GetCurrentHashAsUInt32() != expected)
            {
                throw new InvalidDataException("CRC-32 mismatch");
            }

            return count;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
