using SparkImaging.Pipeline.Inputs;
using SparkImaging.Udfs.Archives;

namespace SparkImaging.Pipeline.Engine;

/// <summary>Archives on the local disk: which input files are archives, and their members' paths for the labels check.</summary>
internal static class ArchiveFile
{
    /// <summary>
    /// The archive format of an input file from its first bytes (<see cref="ArchiveDetector"/>); None for an image name, a
    /// file that is not regular, or one that cannot be opened (the reader reports why when it reads it as a file).
    /// </summary>
    public static ArchiveFormat FormatOf(string path)
    {
        if (!ArchiveDetector.MayBeArchive(path) || FileKind.WhyNotRegular(path) is not null)
        {
            return ArchiveFormat.None;
        }

        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            Span<byte> head = stackalloc byte[ArchiveDetector.HeadLength];
            var read = 0;
            int count;
            while (read < head.Length && (count = RandomAccess.Read(handle, head[read..], read)) > 0)
            {
                read += count;
            }

            return ArchiveDetector.Detect(path, head[..read]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ArchiveFormat.None;
        }
    }

    /// <summary>
    /// Records an input for the labels check: a file itself, an archive by the paths of its members' rows (listed without
    /// reading their data where the format allows; a compressed tar is read through).
    /// </summary>
    public static void CoverMembers(string path, LabelCoverage coverage)
    {
        var format = FormatOf(path);
        if (format == ArchiveFormat.None)
        {
            coverage.Add(path);
            return;
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            ArchiveReader.Read(stream, format, long.MaxValue, new MemberPaths(path, coverage));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The run reports the archive as unreadable; it has no members to label.
        }
    }

    private sealed class MemberPaths(string archivePath, LabelCoverage coverage) : IArchiveMemberSink
    {
        public void Image(ArchiveMember member, Stream content) => coverage.Add(ArchivePath.Of(archivePath, member.Name));

        // Every member row is judged, error rows too, as on Spark, where the driver sees only the rows.
        public void Failed(ArchiveMember member, string error) => coverage.Add(ArchivePath.Of(archivePath, member.Name));
    }
}
