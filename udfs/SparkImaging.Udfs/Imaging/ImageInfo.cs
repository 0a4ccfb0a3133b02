namespace SparkImaging.Udfs.Imaging;

/// <summary>What the header of an encoded image declares.</summary>
/// <param name="Format">Container format.</param>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
public readonly record struct ImageInfo(ImageFormat Format, int Width, int Height)
{
    /// <summary>Declared pixel count.</summary>
    public long Pixels => (long)Width * Height;
}
