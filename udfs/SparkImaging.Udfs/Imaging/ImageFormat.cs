namespace SparkImaging.Udfs.Imaging;

/// <summary>Container formats recognised from their first bytes.</summary>
public enum ImageFormat
{
    /// <summary>Not an image format we read.</summary>
    Unknown,

    /// <summary>PNG, any bit depth and colour type.</summary>
    Png,

    /// <summary>JPEG/JFIF/EXIF, baseline and progressive, gray, YCbCr, CMYK.</summary>
    Jpeg,

    /// <summary>GIF; the first frame is used.</summary>
    Gif,

    /// <summary>Windows bitmap.</summary>
    Bmp,

    /// <summary>WebP, lossy and lossless.</summary>
    WebP,

    /// <summary>TIFF, 8 and 16 bits per sample.</summary>
    Tiff,
}
