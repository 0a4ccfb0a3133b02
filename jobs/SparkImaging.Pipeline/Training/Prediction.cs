namespace SparkImaging.Pipeline.Training;

/// <summary>A model's answer for one image.</summary>
/// <param name="Label">The most probable label.</param>
/// <param name="Probabilities">One probability per class, in <see cref="ModelBundle.Labels"/> order; they sum to 1.</param>
public sealed record Prediction(string Label, IReadOnlyList<double> Probabilities);
