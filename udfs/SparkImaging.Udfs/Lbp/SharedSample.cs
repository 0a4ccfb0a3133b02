namespace SparkImaging.Udfs.Lbp;

/// <summary>One sample of one row for the shared-rows kernel.</summary>
/// <param name="Top">
/// Index of column 0's value: in the band when the sample is the pixel itself, else of the top horizontal
/// interpolation in <see cref="RowInterpolations.Values"/>.
/// </param>
/// <param name="Bottom">Index of column 0's bottom horizontal interpolation (equal to <paramref name="Top"/> for an integer row offset).</param>
/// <param name="Dr">Fractional row position.</param>
/// <param name="OneMinusDr"><c>1 − Dr</c>.</param>
/// <param name="Bit">The sample's bit in the pattern.</param>
/// <param name="Source">
/// Where an interpolated sample's horizontal interpolations come from, for the filtered kernel to recompute them in
/// double (its ring holds single precision only).
/// </param>
internal readonly record struct SharedSample(int Top, int Bottom, double Dr, double OneMinusDr, ulong Bit, SampleSource Source = default)
{
    /// <summary><see cref="Dr"/> rounded to single precision, for the filtered kernel.</summary>
    public float SingleDr { get; } = (float)Dr;

    /// <summary><see cref="OneMinusDr"/> rounded to single precision.</summary>
    public float SingleOneMinusDr { get; } = (float)OneMinusDr;
}

/// <summary>
/// The band pixels and column offset of an interpolated sample: <c>top = (1 − dc)·band[Left + j] + dc·band[Left + j + Right]</c>
/// for strip column j (band index from the strip's first column), <c>bottom</c> the same <paramref name="Down"/> further,
/// with <c>dc = (c + Offset) − floor(c + Offset)</c> of the image column c, as the ring's weight tables hold it.
/// </summary>
/// <param name="Left">Band index of the top-left neighbour of column 0's sample.</param>
/// <param name="Right">0 for an integer column offset, else 1.</param>
/// <param name="Down">0 for an integer row offset (bottom is top), else the band stride.</param>
/// <param name="Offset">The sample's column offset cp.</param>
internal readonly record struct SampleSource(int Left, int Right, int Down, double Offset);
