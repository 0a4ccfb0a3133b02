namespace SparkImaging.Udfs.Imaging;

/// <summary>Which code decodes the PNGs the managed decoder takes (8-bit gray, RGB, RGBA; every 16-bit type).</summary>
public enum PngRoute
{
    /// <summary>Our chunk walk, inflate (<see cref="ZlibInflater"/>) and unfilters: the fast default.</summary>
    Managed,

    /// <summary>
    /// The runtime's implementations, for when a bug is found in ours: 8-bit PNGs through SkiaSharp (libpng and zlib);
    /// 16-bit PNGs keep our chunk walk and unfilters but inflate with <see cref="System.IO.Compression.ZLibStream"/>,
    /// because SkiaSharp reduces them to 8 bits and their features would change.
    /// </summary>
    Runtime,
}
