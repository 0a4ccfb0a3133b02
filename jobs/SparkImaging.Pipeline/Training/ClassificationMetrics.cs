namespace SparkImaging.Pipeline.Training;

/// <summary>Scores of a model on one labelled set; field names are those of metrics.json (snake_case).</summary>
public sealed record ClassificationMetrics
{
    /// <summary>Fraction of rows whose most probable label is the true one.</summary>
    public required double Accuracy { get; init; }

    /// <summary>Unweighted mean of the per-class F1 scores.</summary>
    public required double MacroF1 { get; init; }

    /// <summary>Mean negative natural log of the true class's probability, clipped at 1e-15 as scikit-learn does.</summary>
    public required double LogLoss { get; init; }

    /// <summary>Area under the ROC curve of the second label's probability; null unless there are two labels.</summary>
    public double? Auc { get; init; }

    /// <summary>Class labels, in the order of every per-class array.</summary>
    public required IReadOnlyList<string> Labels { get; init; }

    /// <summary>Counts: row = true label, column = predicted label, both in <see cref="Labels"/> order.</summary>
    public required IReadOnlyList<int[]> ConfusionMatrix { get; init; }

    /// <summary>Precision, recall, F1 and support by label.</summary>
    public required IReadOnlyDictionary<string, ClassMetrics> PerClass { get; init; }

    /// <summary>Rows scored.</summary>
    public required int Count { get; init; }
}
