namespace SparkImaging.Udfs.Features;

/// <summary>
/// Which names are taken as inputs: images by extension, archives by their usual suffixes. Directory walks, Spark's
/// file filter and the members of an archive all take what this says, so every host selects the same images.
/// </summary>
public static class InputNames
{
    /// <summary>Extensions of the image formats read; any letter case.</summary>
    public static readonly IReadOnlySet<string> ImageExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".png", ".jpg", ".jpeg", ".jpe", ".jfif", ".gif", ".bmp", ".dib", ".webp", ".tif", ".tiff",
    };

    /// <summary>Name endings of the archives read (tar, gzip-compressed tar, zip); any letter case.</summary>
    public static readonly IReadOnlyList<string> ArchiveSuffixes = [".tar", ".tar.gz", ".tgz", ".zip"];

    /// <summary>Whether a file or member name has an image extension.</summary>
    public static bool IsImage(string name) => ImageExtensions.Contains(Path.GetExtension(name));

    /// <summary>Whether a file or member name has an archive suffix.</summary>
    public static bool IsArchive(string name)
    {
        foreach (var suffix in ArchiveSuffixes)
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a directory walk takes a file of this name: an image or an archive.</summary>
    public static bool IsTaken(string name) => IsImage(name) || IsArchive(name);
}
