namespace SparkImaging.Udfs.Imaging;

/// <summary>How colour pixels become one gray value.</summary>
public enum GrayMode
{
    /// <summary>Arithmetic mean of R, G and B in double precision, alpha ignored (the seed's <c>np.mean(axis=2)</c>).</summary>
    Mean,

    /// <summary>Rec. 709 luma, 0.2125 R + 0.7154 G + 0.0721 B, the weights of <c>skimage.color.rgb2gray</c>.</summary>
    Luma,
}
