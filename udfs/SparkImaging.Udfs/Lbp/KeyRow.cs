namespace SparkImaging.Udfs.Lbp;

/// <summary>
/// Where the shared-rows kernel computes one column offset's interpolations of one image row in a strip:
/// <c>values[Destination + j] = (1 − dc[Weights + j])·band[Left + j] + dc[Weights + j]·band[Left + j + Right]</c>.
/// </summary>
/// <param name="Left">Band index of the left neighbour of the strip's first column.</param>
/// <param name="Right">0 for an integer column offset, else 1.</param>
/// <param name="Weights">Index of the strip's first column in the weight tables.</param>
/// <param name="Destination">Index of the strip's first column in the ring.</param>
internal readonly record struct KeyRow(int Left, int Right, int Weights, int Destination);
