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
internal readonly record struct SharedSample(int Top, int Bottom, double Dr, double OneMinusDr, ulong Bit);
