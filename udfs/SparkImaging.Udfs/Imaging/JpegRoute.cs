namespace SparkImaging.Udfs.Imaging;

/// <summary>Which code decodes JPEGs.</summary>
public enum JpegRoute
{
    /// <summary>
    /// The machine's libjpeg-turbo (TurboJPEG, <c>libturbojpeg.so.0</c>) where it loads and decodes the file cleanly,
    /// SkiaSharp for everything else: the same pixels either way, the former about three times as fast.
    /// </summary>
    System,

    /// <summary>SkiaSharp's bundled libjpeg-turbo only.</summary>
    Skia,
}
