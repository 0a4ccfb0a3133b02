using System.Text;
using SparkImaging.Pipeline.Inputs;
using SparkImaging.Udfs.Features;

namespace SparkImaging.Pipeline.Spark;

/// <summary>
/// The shared input rules as Spark SQL, for the driver to apply inside Spark. Each is a translation of a C# rule the
/// CLI applies directly; the default test suite proves the two agree (the regexes mean the same in Java and .NET).
/// </summary>
public static class SparkSql
{
    /// <summary>
    /// <see cref="InputPath.Normalize"/> as a Java regex for <c>regexp_replace(path, pattern, '')</c>: <c>file:/a</c>,
    /// <c>file:///a</c>, <c>file://localhost/a</c> lose their scheme and authority; anything else is left alone.
    /// </summary>
    public const string FileSchemePattern = "(?i)^file:(?://(?:localhost)?(?=/)|(?=/(?!/)))";

    /// <summary>
    /// The parent directory's name as a Java regex for <c>regexp_extract(path, pattern, 1)</c> (empty → null), the label
    /// <see cref="LabelResolver.ParentDirectory"/> gives a normalized path.
    /// </summary>
    public const string ParentDirectoryPattern = "([^/]+)/[^/]*$";

    /// <summary>
    /// <see cref="InputNames.IsArchive"/> as a Java regex for <c>rlike</c>: a name ending in one of
    /// <see cref="InputNames.ArchiveSuffixes"/>, in any letter case. Dots as <c>[.]</c>: no backslash, which a Spark SQL
    /// string literal would take for its own escape.
    /// </summary>
    public static string ArchiveNamePattern { get; } =
        "(?i)(?:" + string.Join('|', InputNames.ArchiveSuffixes.Select(suffix => suffix.Replace(".", "[.]", StringComparison.Ordinal))) + ")$";

    /// <summary>Whether a path column names an archive, as a Spark SQL expression.</summary>
    public static string IsArchiveName(string column) => $"{column} rlike '{ArchiveNamePattern}'";

    /// <summary>The normalized path of a path column, as a Spark SQL expression.</summary>
    public static string NormalizedPath(string column) => $"regexp_replace({column}, '{FileSchemePattern}', '')";

    /// <summary>The parent directory's name of a normalized path column (null when there is none), as a Spark SQL expression.</summary>
    public static string ParentDirectoryLabel(string column) => $"nullif(regexp_extract({column}, '{ParentDirectoryPattern}', 1), '')";

    /// <summary>The failure kind of an error column (the part before ':'), as a Spark SQL expression.</summary>
    public static string ErrorKind(string column) => $"substring_index({column}, ':', 1)";

    /// <summary>
    /// binaryFile's <c>pathGlobFilter</c> (a Hadoop glob on the file name, case-sensitive) that takes exactly the files
    /// whose names <see cref="InputNames.IsTaken"/> takes (image extensions and archive suffixes), in any letter case; with
    /// <paramref name="allFiles"/>, every file.
    /// </summary>
    public static string PathGlobFilter(bool allFiles)
    {
        if (allFiles)
        {
            return "*";
        }

        var alternatives = InputNames.ImageExtensions.Concat(InputNames.ArchiveSuffixes).Order(StringComparer.Ordinal).Select(extension =>
        {
            var glob = new StringBuilder();
            foreach (var c in extension.TrimStart('.'))
            {
                glob.Append(char.IsAsciiLetter(c) ? $"[{char.ToLowerInvariant(c)}{char.ToUpperInvariant(c)}]" : c.ToString());
            }

            return glob.ToString();
        });
        return "*.{" + string.Join(',', alternatives) + "}";
    }
}
