namespace SparkImaging.Pipeline.Dataset;

/// <summary>
/// One row of a feature dataset as training sees it: the LBP histograms of every spec concatenated in spec order.
/// <see cref="Features"/> is null exactly when <see cref="Error"/> is set.
/// </summary>
/// <param name="Path">The input's path or URI.</param>
/// <param name="Label">Class label, null when the dataset has none for this row.</param>
/// <param name="Error">Why features are missing, or null.</param>
/// <param name="Group">Value of the requested group column as text, or null.</param>
/// <param name="Features">Concatenated histograms, or null for an error row.</param>
public sealed record FeatureRow(string Path, string? Label, string? Error, string? Group, float[]? Features);
