namespace SparkImaging.Pipeline.Training;

/// <summary>evaluation.json: a saved model's metrics on a dataset and the rows it could not score.</summary>
public sealed record EvaluationReport(
    ClassificationMetrics Metrics,
    int NExcludedErrors,
    int NExcludedUnlabeled,
    int NExcludedUnknownLabels,
    string FeaturesDirectory,
    string ModelDirectory,
    string ProgramVersion);
