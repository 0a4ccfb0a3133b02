namespace SparkImaging.Pipeline.Training;

/// <summary>What <see cref="TrainingPipeline.RunAsync"/> trains on and how; defaults match scikit-learn's <c>LogisticRegression()</c>.</summary>
public sealed record TrainOptions
{
    /// <summary>The feature dataset directory.</summary>
    public required string FeaturesDirectory { get; init; }

    /// <summary>Where model.zip, feature-spec.json, metrics.json and the plots go; created if missing.</summary>
    public required string ModelDirectory { get; init; }

    /// <summary>Replace a model already in <see cref="ModelDirectory"/> (its files are removed first); otherwise it is refused.</summary>
    public bool Overwrite { get; init; }

    /// <summary>Seeds the split, the folds, PCA and ML.NET.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Fraction of each class (or of the groups) held out for testing, in (0, 1).</summary>
    public double TestFraction { get; init; } = 0.2;

    /// <summary>Number of cross-validation folds (at least 2), or null for none.</summary>
    public int? Folds { get; init; }

    /// <summary>Example weighting by class.</summary>
    public ClassWeighting ClassWeight { get; init; } = ClassWeighting.None;

    /// <summary>A dataset column whose rows must stay on one side of every split (e.g. patient or slide), or null.</summary>
    public string? GroupColumn { get; init; }

    /// <summary>Number of principal components to project the standardized features onto, or null for none.</summary>
    public int? Pca { get; init; }

    /// <summary>scikit-learn's inverse regularization strength C; used when <see cref="L2"/> is null.</summary>
    public double C { get; init; } = 1.0;

    /// <summary>ML.NET's L2Regularization; overrides <see cref="C"/> when set (ML.NET's L2 equals 1/C, see docs/training.md).</summary>
    public double? L2 { get; init; }

    /// <summary>ML.NET's L1Regularization; 0 as in scikit-learn's default L2-only penalty.</summary>
    public double L1 { get; init; }

    /// <summary>Also write <c>features.csv</c> (the exact feature vectors, in split.csv's row order) for outside checks.</summary>
    public bool ExportFeatures { get; init; }

    /// <summary>The L2 weight handed to ML.NET.</summary>
    public double EffectiveL2 => L2 ?? (1.0 / C);

    /// <summary>Checks every value once, at the door; returns a message naming the bad value, or null.</summary>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(FeaturesDirectory))
        {
            return "--features: a feature dataset directory is required.";
        }

        if (string.IsNullOrWhiteSpace(ModelDirectory))
        {
            return "--model: a model directory is required.";
        }

        if (!(TestFraction > 0 && TestFraction < 1))
        {
            return $"--test-fraction {TestFraction}: must be greater than 0 and less than 1.";
        }

        if (Folds is < 2)
        {
            return $"--folds {Folds}: cross-validation needs at least 2 folds.";
        }

        if (Pca is < 1)
        {
            return $"--pca {Pca}: the number of components must be at least 1.";
        }

        if (L2 is { } l2 && !(l2 >= 0 && double.IsFinite(l2)))
        {
            return $"--l2 {l2}: must be a finite number of at least 0.";
        }

        if (L2 is null && !(C > 0 && double.IsFinite(C)))
        {
            return $"--c {C}: must be a finite number greater than 0.";
        }

        return !(L1 >= 0 && double.IsFinite(L1)) ? $"--l1 {L1}: must be a finite number of at least 0." : null;
    }
}
