using System.Globalization;
using SparkImaging.Udfs.Imaging;

namespace SparkImaging.Udfs.Archives;

/// <summary>What reading an archive found.</summary>
/// <param name="Rows">Members handed to the sink (each becomes a row).</param>
/// <param name="Skipped">Members that are not images (e.g. <c>sample.json</c>), skipped like non-image files.</param>
/// <param name="Error">Why the archive could not be listed to its end, or null.</param>
public sealed record ArchiveListing(long Rows, long Skipped, string? Error)
{
    /// <summary>
    /// The error of the row the archive itself gets, or null when it gets none: when it could not be listed to its end,
    /// or when it holds no image member at all (so that it never goes unnoticed).
    /// </summary>
    public string? ArchiveRowError => Error ?? (Rows == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{ImageDecodeException.Name(DecodeFailure.UnsupportedFormat)}: archive holds no image member ({Skipped} other members skipped)")
        : null);
}
