namespace SparkImaging.Pipeline.Training;

/// <summary>How training examples are weighted by class.</summary>
public enum ClassWeighting
{
    /// <summary>Every example weighs 1.</summary>
    None,

    /// <summary>scikit-learn's <c>class_weight="balanced"</c>: an example of class c weighs n / (k · n_c).</summary>
    Balanced,
}
