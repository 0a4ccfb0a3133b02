using SparkImaging.Udfs.Lbp;

namespace SparkImaging.Udfs.Features;

/// <summary>Column names of Spark's binaryFile input and of the feature table, declared once.</summary>
public static class FeatureColumns
{
    /// <summary>Absolute path or URI of the input file (binaryFile and feature table).</summary>
    public const string Path = "path";

    /// <summary>Last modification time (binaryFile).</summary>
    public const string ModificationTime = "modificationTime";

    /// <summary>File length in bytes (binaryFile).</summary>
    public const string Length = "length";

    /// <summary>File bytes (binaryFile).</summary>
    public const string Content = "content";

    /// <summary>
    /// Why a file or archive member could not be read (local engine only; Spark's binaryFile never has it): a row with
    /// null content takes this as its <see cref="Error"/>, e.g. <c>unreadable: permission denied</c>.
    /// </summary>
    public const string ReadError = "read_error";

    /// <summary>Class label, nullable.</summary>
    public const string Label = "label";

    /// <summary>Decoded width in pixels, nullable.</summary>
    public const string Width = "width";

    /// <summary>Decoded height in pixels, nullable.</summary>
    public const string Height = "height";

    /// <summary>Null when features were computed, else a short reason.</summary>
    public const string Error = "error";

    /// <summary>The kind of a failure: the <see cref="Error"/> text up to its first ':' (e.g. <c>truncated</c>).</summary>
    public static string ErrorKind(string error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var colon = error.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? error : error[..colon];
    }

    /// <summary>Prefix shared by every LBP histogram column.</summary>
    public const string LbpPrefix = "lbp_";

    /// <summary>The histogram column of a spec, e.g. <c>lbp_p24_r3_uniform</c>.</summary>
    public static string LbpColumn(LbpSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.ColumnName;
    }
}
