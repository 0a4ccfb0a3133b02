using System.Formats.Tar;
using System.IO.Compression;

namespace SparkImaging.Jobs.Tests.Support;

/// <summary>Writes tar, tar.gz and zip archives of a folder or of named members, with the runtime's own writers.</summary>
internal static class TestArchives
{
    /// <summary>One member: its name as stored and its bytes (null for a link to <paramref name="LinkTarget"/>).</summary>
    public sealed record Member(string Name, byte[]? Bytes, TarEntryType Type = TarEntryType.RegularFile, string? LinkTarget = null);

    /// <summary>The files under <paramref name="folder"/> as members named by their relative path, in name order.</summary>
    public static IReadOnlyList<Member> MembersOf(string folder) =>
        [.. Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Select(file => new Member(Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllBytes(file)))
            .OrderBy(m => m.Name, StringComparer.Ordinal)];

    public static void WriteTar(string path, IEnumerable<Member> members, bool gzip = false)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var file = File.Create(path);
        using Stream target = gzip ? new GZipStream(file, CompressionLevel.Fastest) : file;
        using var tar = new TarWriter(target, TarEntryFormat.Pax);
        foreach (var member in members)
        {
            var entry = new PaxTarEntry(member.Type, member.Name) { ModificationTime = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero) };
            if (member.LinkTarget is not null)
            {
                entry.LinkName = member.LinkTarget;
            }

            if (member.Bytes is not null)
            {
                entry.DataStream = new MemoryStream(member.Bytes);
            }

            tar.WriteEntry(entry);
        }
    }

    public static void WriteZip(string path, IEnumerable<Member> members, CompressionLevel level = CompressionLevel.Optimal)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var member in members)
        {
            var entry = zip.CreateEntry(member.Name, level);
            entry.LastWriteTime = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);
            if (member.LinkTarget is not null)
            {
                // A Unix symbolic link as zip tools store it: the mode's type bits in the high half, the target as data.
                entry.ExternalAttributes = unchecked((int)0xA1FF0000);
            }

            using var data = entry.Open();
            data.Write(member.Bytes ?? System.Text.Encoding.UTF8.GetBytes(member.LinkTarget ?? string.Empty));
        }
    }
}
