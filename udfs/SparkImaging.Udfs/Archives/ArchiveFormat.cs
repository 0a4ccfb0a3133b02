namespace SparkImaging.Udfs.Archives;

/// <summary>The archive containers read, recognised from their first bytes.</summary>
public enum ArchiveFormat
{
    /// <summary>Not an archive (an image, or a file of another kind).</summary>
    None,

    /// <summary>A tar archive (ustar, pax, GNU or v7).</summary>
    Tar,

    /// <summary>A gzip-compressed tar archive (<c>.tar.gz</c>, <c>.tgz</c>).</summary>
    GzipTar,

    /// <summary>A zip archive (stored or deflated members, zip64).</summary>
    Zip,
}
