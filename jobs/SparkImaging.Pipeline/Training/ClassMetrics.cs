namespace SparkImaging.Pipeline.Training;

/// <summary>One class's scores, as scikit-learn's <c>classification_report</c> defines them (0 where undefined).</summary>
public sealed record ClassMetrics(double Precision, double Recall, double F1, int Support);
