using System.CommandLine;
using SparkImaging.Pipeline.Training;

namespace SparkImaging.Pipeline.Options;

/// <summary>The model options shared by <c>train</c> and <c>run</c>, declared once.</summary>
internal sealed class TrainingOptionSet
{
    private readonly Option<int> seed = new("--seed") { Description = "Seed of the split, folds, PCA and ML.NET.", DefaultValueFactory = _ => 42 };
    private readonly Option<double> testFraction = new("--test-fraction") { Description = "Stratified hold-out fraction, in (0, 1).", DefaultValueFactory = _ => 0.2 };
    private readonly Option<int?> folds = new("--folds") { Description = "Also run K-fold cross-validation (K >= 2) and report per-fold and mean ± sd metrics." };
    private readonly Option<string> classWeight = new("--class-weight") { Description = "none, or balanced (weights n / (k * n_class)).", DefaultValueFactory = _ => "none" };
    private readonly Option<string?> group = new("--group-column") { Description = "Dataset column whose rows always stay on one side of every split." };
    private readonly Option<int?> pca = new("--pca") { Description = "Project standardized features onto K principal components." };
    private readonly Option<double> c = new("--c") { Description = "Inverse L2 strength, as scikit-learn's C (ML.NET L2 = 1/C).", DefaultValueFactory = _ => 1.0 };
    private readonly Option<double?> l2 = new("--l2") { Description = "ML.NET L2Regularization; overrides --c." };
    private readonly Option<double> l1 = new("--l1") { Description = "ML.NET L1Regularization; 0 as in scikit-learn.", DefaultValueFactory = _ => 0.0 };
    private readonly Option<bool> export = new("--export-features") { Description = "Also write features.csv (exact features in split.csv's order), e.g. for scripts/compare_sklearn.py." };

    public TrainingOptionSet() => classWeight.AcceptOnlyFromAmong("none", "balanced");

    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { seed, testFraction, folds, classWeight, group, pca, c, l2, l1, export })
        {
            command.Options.Add(option);
        }
    }

    public TrainOptions Build(ParseResult result, string featuresDirectory, string modelDirectory, bool overwrite = false) => new()
    {
        Overwrite = overwrite,
        FeaturesDirectory = featuresDirectory,
        ModelDirectory = modelDirectory,
        Seed = result.GetValue(seed),
        TestFraction = result.GetValue(testFraction),
        Folds = result.GetValue(folds),
        ClassWeight = result.GetValue(classWeight) == "balanced" ? ClassWeighting.Balanced : ClassWeighting.None,
        GroupColumn = result.GetValue(group),
        Pca = result.GetValue(pca),
        C = result.GetValue(c),
        L2 = result.GetValue(l2),
        L1 = result.GetValue(l1),
        ExportFeatures = result.GetValue(export),
    };
}
