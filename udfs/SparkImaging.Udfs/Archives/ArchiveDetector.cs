using System.Text;
using SparkImaging.Udfs.Features;

namespace SparkImaging.Udfs.Archives;

/// <summary>
/// Tells an archive from its first bytes. A file with an image extension is always read as an image, so an image is
/// never opened twice to ask; any other file, whatever its name, is an archive when its bytes say so.
/// </summary>
public static class ArchiveDetector
{
    /// <summary>Bytes of a file's start that <see cref="Detect"/> needs: one tar header.</summary>
    public const int HeadLength = 512;

    private const int TarMagicOffset = 257;
    private const int TarChecksumOffset = 148;
    private const int TarChecksumLength = 8;

    /// <summary>Whether a file of this name may be an archive, so that its first bytes are worth reading.</summary>
    public static bool MayBeArchive(string path) => !InputNames.IsImage(path);

    /// <summary>The archive format of a file that starts with <paramref name="head"/> (up to <see cref="HeadLength"/> bytes).</summary>
    public static ArchiveFormat Detect(string path, ReadOnlySpan<byte> head)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!MayBeArchive(path))
        {
            return ArchiveFormat.None;
        }

        if (head.StartsWith("PK\u0003\u0004"u8) || head.StartsWith("PK\u0005\u0006"u8))
        {
            return ArchiveFormat.Zip;
        }

        if (head.Length >= 2 && head[0] == 0x1F && head[1] == 0x8B)
        {
            return ArchiveFormat.GzipTar;
        }

        // ustar, pax and GNU headers carry a magic; a v7 header has only its checksum, trusted for a .tar name alone.
        if (head.Length >= TarMagicOffset + 5 && head.Slice(TarMagicOffset, 5).SequenceEqual("ustar"u8))
        {
            return ArchiveFormat.Tar;
        }

        return path.EndsWith(".tar", StringComparison.OrdinalIgnoreCase) && HasTarChecksum(head) ? ArchiveFormat.Tar : ArchiveFormat.None;
    }

    /// <summary>Whether the block's checksum field matches its bytes (the field itself counted as spaces).</summary>
    private static bool HasTarChecksum(ReadOnlySpan<byte> head)
    {
        if (head.Length < HeadLength)
        {
            return false;
        }

        var field = Encoding.ASCII.GetString(head.Slice(TarChecksumOffset, TarChecksumLength)).Trim('\0', ' ');
        if (field.Length == 0 || !field.All(c => c is >= '0' and <= '7'))
        {
            return false;
        }

        var expected = Convert.ToInt64(field, 8);
        long sum = 0;
        for (var i = 0; i < HeadLength; i++)
        {
            sum += i is >= TarChecksumOffset and < TarChecksumOffset + TarChecksumLength ? ' ' : head[i];
        }

        return sum == expected;
    }
}
