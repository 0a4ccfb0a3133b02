namespace SparkImaging.Udfs.Lbp;

/// <summary>One sample of one row: where its four neighbours are in the padded band, and its row weights.</summary>
/// <param name="TopLeft">Band index of the top-left neighbour of column 0's sample.</param>
/// <param name="Right">0 when the column offset is an integer, else 1.</param>
/// <param name="Down">0 when the row offset is an integer, else the band stride.</param>
/// <param name="Dr">Fractional row position.</param>
/// <param name="OneMinusDr"><c>1 − Dr</c>, hoisted out of the column loop.</param>
/// <param name="ColumnOffset">The column offset, from which the vector path recomputes the column weights.</param>
/// <param name="Bit">The sample's bit in the pattern.</param>
/// <param name="IsPixel">
/// True when the sample is the neighbouring pixel itself: both offsets are integers, so the far weights are zero,
/// and no pixel of the band is infinite or NaN (0 · ∞ would not vanish).
/// </param>
internal readonly record struct InteriorSample(int TopLeft, int Right, int Down, double Dr, double OneMinusDr, double ColumnOffset, ulong Bit, bool IsPixel);
