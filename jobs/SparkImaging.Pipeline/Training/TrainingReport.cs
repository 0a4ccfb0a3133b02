using SparkImaging.Pipeline.Dataset;
using SparkImaging.Pipeline.Inputs;

namespace SparkImaging.Pipeline.Training;

/// <summary>metrics.json: the hold-out metrics flattened at the top level, then counts, parameters and provenance.</summary>
public sealed record TrainingReport
{
    /// <summary>Hold-out accuracy.</summary>
    public required double Accuracy { get; init; }

    /// <summary>Hold-out macro F1.</summary>
    public required double MacroF1 { get; init; }

    /// <summary>Hold-out log loss.</summary>
    public required double LogLoss { get; init; }

    /// <summary>Hold-out ROC AUC (two labels only).</summary>
    public double? Auc { get; init; }

    /// <summary>Labels, in the order of every per-class array.</summary>
    public required IReadOnlyList<string> Labels { get; init; }

    /// <summary>Rows = true label, columns = predicted label.</summary>
    public required IReadOnlyList<int[]> ConfusionMatrix { get; init; }

    /// <summary>Precision, recall, F1, support per label.</summary>
    public required IReadOnlyDictionary<string, ClassMetrics> PerClass { get; init; }

    /// <summary>Rows trained on.</summary>
    public required int NTrain { get; init; }

    /// <summary>Rows tested on.</summary>
    public required int NTest { get; init; }

    /// <summary>Dataset rows left out because featurize recorded an error.</summary>
    public required int NExcludedErrors { get; init; }

    /// <summary>Dataset rows left out because they have no label.</summary>
    public required int NExcludedUnlabeled { get; init; }

    /// <summary>Length of the feature vector.</summary>
    public required int NFeatures { get; init; }

    /// <summary>Everything that decided the model.</summary>
    public required IReadOnlyDictionary<string, object?> Parameters { get; init; }

    /// <summary>The seed of the split, folds, PCA and ML.NET.</summary>
    public required int Seed { get; init; }

    /// <summary>Program version that trained.</summary>
    public required string ProgramVersion { get; init; }

    /// <summary>The feature spec, as in feature-spec.json.</summary>
    public required string FeatureSpec { get; init; }

    /// <summary>The dataset read.</summary>
    public required string FeaturesDirectory { get; init; }

    /// <summary>K-fold results, when asked for.</summary>
    public CrossValidationReport? CrossValidation { get; init; }

    internal static TrainingReport From(ClassificationMetrics test, int nTrain, TrainingData data, FeatureTable table, TrainOptions options, string trainer, CrossValidationReport? cv) => new()
    {
        Accuracy = test.Accuracy,
        MacroF1 = test.MacroF1,
        LogLoss = test.LogLoss,
        Auc = test.Auc,
        Labels = test.Labels,
        ConfusionMatrix = test.ConfusionMatrix,
        PerClass = test.PerClass,
        NTrain = nTrain,
        NTest = test.Count,
        NExcludedErrors = data.ExcludedErrors,
        NExcludedUnlabeled = data.ExcludedUnlabeled,
        NFeatures = table.FeatureLength,
        Parameters = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["trainer"] = trainer,
            ["standardize"] = true,
            ["c"] = options.L2 is null ? options.C : null,
            ["l2_regularization"] = options.EffectiveL2,
            ["l1_regularization"] = options.L1,
            ["class_weight"] = options.ClassWeight.ToString().ToLowerInvariant(),
            ["test_fraction"] = options.TestFraction,
            ["folds"] = options.Folds,
            ["group_column"] = options.GroupColumn,
            ["pca"] = options.Pca,
        },
        Seed = options.Seed,
        ProgramVersion = Training.ProgramVersion.Current,
        FeatureSpec = table.Spec.ToJson(),
        FeaturesDirectory = StorageUri.Scheme(options.FeaturesDirectory) is null ? Path.GetFullPath(options.FeaturesDirectory) : options.FeaturesDirectory,
        CrossValidation = cv,
    };
}
