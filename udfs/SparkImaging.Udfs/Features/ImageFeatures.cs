namespace SparkImaging.Udfs.Features;

/// <summary>The features of one input: histograms in spec order, or an error naming why there are none.</summary>
/// <param name="Width">Decoded width, null when the header could not be read.</param>
/// <param name="Height">Decoded height.</param>
/// <param name="Error">Null on success, else a short reason starting with its kind.</param>
/// <param name="Histograms">One histogram per LBP spec (fractions of pixels, summing to 1), null on error.</param>
public sealed record ImageFeatures(int? Width, int? Height, string? Error, IReadOnlyList<float[]>? Histograms)
{
    /// <summary>A failed input.</summary>
    public static ImageFeatures Failed(string reason, int? width = null, int? height = null) => new(width, height, reason, null);
}
