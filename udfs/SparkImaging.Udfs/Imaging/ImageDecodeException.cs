namespace SparkImaging.Udfs.Imaging;

/// <summary>An input that cannot become a gray image; <see cref="Reason"/> is what the feature table records.</summary>
public sealed class ImageDecodeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ImageDecodeException(DecodeFailure failure, string detail, Exception? inner = null)
        : base($"{Name(failure)}: {detail}", inner)
    {
        Failure = failure;
    }

    /// <summary>Creates an exception with a generic message (for serializers and analyzers).</summary>
    public ImageDecodeException()
        : this(DecodeFailure.Corrupt, "undecodable image")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public ImageDecodeException(string message)
        : this(DecodeFailure.Corrupt, message)
    {
    }

    /// <summary>Creates an exception with a message and cause.</summary>
    public ImageDecodeException(string message, Exception innerException)
        : this(DecodeFailure.Corrupt, message, innerException)
    {
    }

    /// <summary>Kind of failure.</summary>
    public DecodeFailure Failure { get; }

    /// <summary>The <c>error</c> value: the kind first, then a short detail, e.g. <c>truncated: PNG data ends early</c>.</summary>
    public string Reason => Message;

    /// <summary>The short name of a failure kind.</summary>
    public static string Name(DecodeFailure failure) => failure switch
    {
        DecodeFailure.Empty => "empty file",
        DecodeFailure.UnsupportedFormat => "unsupported format",
        DecodeFailure.Truncated => "truncated",
        DecodeFailure.Corrupt => "corrupt",
        DecodeFailure.TooManyPixels => "too many pixels",
        DecodeFailure.Unreadable => "unreadable",
        _ => "failed",
    };
}
