namespace SparkImaging.Pipeline.Training;

/// <summary>K-fold results: each fold's metrics on its held-out rows, and their mean and sample standard deviation.</summary>
public sealed record CrossValidationReport(
    int Folds,
    IReadOnlyList<ClassificationMetrics> PerFold,
    IReadOnlyDictionary<string, double> Mean,
    IReadOnlyDictionary<string, double> Sd);
