namespace SparkImaging.Udfs.Lbp;

/// <summary>One sample of one interior row: where its four neighbours are and its row weight.</summary>
/// <param name="TopLeft">Index of the top-left neighbour of column 0's sample.</param>
/// <param name="Right">0 when the column offset is an integer, else 1.</param>
/// <param name="Down">0 when the row offset is an integer, else the row stride.</param>
/// <param name="Dr">Fractional row position.</param>
/// <param name="Bit">The sample's bit in the pattern.</param>
internal readonly record struct InteriorSample(int TopLeft, int Right, int Down, double Dr, ulong Bit);
