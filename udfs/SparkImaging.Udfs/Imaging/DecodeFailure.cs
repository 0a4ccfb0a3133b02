namespace SparkImaging.Udfs.Imaging;

/// <summary>The small set of reasons an input yields no features; each has the short name written to <c>error</c>.</summary>
public enum DecodeFailure
{
    /// <summary>The file has no bytes.</summary>
    Empty,

    /// <summary>The bytes are not a format we read.</summary>
    UnsupportedFormat,

    /// <summary>The data ends before the image does.</summary>
    Truncated,

    /// <summary>The data is malformed.</summary>
    Corrupt,

    /// <summary>The header declares more pixels than the limit allows.</summary>
    TooManyPixels,

    /// <summary>The file could not be read (permissions, vanished, I/O error).</summary>
    Unreadable,
}
