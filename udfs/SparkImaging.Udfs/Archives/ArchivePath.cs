namespace SparkImaging.Udfs.Archives;

/// <summary>
/// How a member of an archive is named in the feature table: <c>&lt;archive path&gt;!/&lt;member name&gt;</c>, as Java names
/// the entries of a jar, so that <c>split_part(path, '!/', 1)</c> (DuckDB) or <c>path.str.split('!/')</c> (pandas)
/// gives the archive and the member back.
/// </summary>
public static class ArchivePath
{
    /// <summary>Between the archive's path and the member's name.</summary>
    public const string Separator = "!/";

    /// <summary>The path of a member's row.</summary>
    public static string Of(string archivePath, string memberName) => archivePath + Separator + memberName;

    /// <summary>
    /// A member's label by folder: the name of its parent directory inside the archive, or, for a member at the archive's
    /// root (as in WebDataset shards), <paramref name="archiveLabel"/>, the label of the archive itself.
    /// </summary>
    public static string? MemberLabel(string memberName, string? archiveLabel)
    {
        ArgumentNullException.ThrowIfNull(memberName);
        var slash = memberName.LastIndexOf('/');
        if (slash <= 0)
        {
            return archiveLabel;
        }

        var parentStart = memberName.LastIndexOf('/', slash - 1) + 1;
        return memberName[parentStart..slash];
    }
}
