using SparkImaging.Jobs.Dataset;

namespace SparkImaging.Jobs.Training;

/// <summary>
/// train: feature dataset → split → (cross-validate) → fit → score the hold-out → model directory.
/// Returns the contract's exit codes: 0 ok, 2 bad usage or no input, 1 any other failure.
/// </summary>
public static class TrainingPipeline
{
    /// <summary>Runs training; messages go to standard error, the metrics table to standard output.</summary>
    public static async Task<int> RunAsync(TrainOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { } problem)
        {
            return Fail(2, problem);
        }

        if (!Directory.Exists(options.FeaturesDirectory))
        {
            return Fail(2, $"--features '{options.FeaturesDirectory}': no such directory.");
        }

        try
        {
            await TrainAsync(options, ct);
            return 0;
        }
        catch (FeatureTableException e)
        {
            return Fail(e.NoData ? 2 : 1, e.Message);
        }
        catch (TrainingException e)
        {
            return Fail(e.ExitCode, e.Message);
        }
    }

    internal static async Task<TrainingReport> TrainAsync(TrainOptions options, CancellationToken ct)
    {
        // Load: every committed part file; error and unlabeled rows are counted, not learned from.
        var table = await FeatureTableReader.ReadAsync(options.FeaturesDirectory, options.GroupColumn, ct);
        if (!table.Complete)
        {
            await Console.Error.WriteLineAsync($"warning: '{options.FeaturesDirectory}' has no _SUCCESS: training on the part files committed so far.");
        }

        var data = TrainingData.From(table);
        if (data.Labels.Count < 2)
        {
            throw new TrainingException(1, $"Feature dataset '{options.FeaturesDirectory}' has {data.Rows.Count} usable rows with {data.Labels.Count} distinct label(s); training needs at least two labels.");
        }

        if (options.Pca is { } rank && rank > table.FeatureLength)
        {
            throw new TrainingException(2, $"--pca {rank}: the features have only {table.FeatureLength} dimensions.");
        }

        var groups = options.GroupColumn is null ? null : data.Rows.Select(r => r.Group).ToArray();

        // Split: a stratified, seeded hold-out that keeps each group on one side.
        var isTest = DataSplitter.HoldOut(data.Classes, groups, data.Labels.Count, options.TestFraction, options.Seed);
        var (trainFeatures, trainClasses) = data.Select(isTest, keep: false);
        var (testFeatures, testClasses) = data.Select(isTest, keep: true);
        if (testFeatures.Count == 0 || trainClasses.Distinct().Count() < 2)
        {
            throw new TrainingException(1, $"The hold-out split of {data.Rows.Count} rows left {testFeatures.Count} test rows and {trainClasses.Distinct().Count()} label(s) for training; add data or change --test-fraction.");
        }

        // Cross-validate on all usable rows, when asked.
        int[]? folds = null;
        CrossValidationReport? cv = null;
        if (options.Folds is { } k)
        {
            try
            {
                folds = DataSplitter.Folds(data.Classes, groups, data.Labels.Count, k, options.Seed);
            }
            catch (ArgumentException e)
            {
                throw new TrainingException(2, $"--folds {k}: {e.Message.Split(" (Parameter", StringSplitOptions.None)[0]}");
            }

            cv = CrossValidation.Run(data, folds, k, table, options);
        }

        // Fit on the training side, score the test side.
        var bundle = ModelTrainer.Fit(trainFeatures, trainClasses, data.Labels, table.Spec, options);
        var probabilities = bundle.PredictProbabilities(testFeatures);
        var metrics = MetricsCalculator.Compute(testClasses, probabilities, data.Labels);

        // Write the model directory.
        var directory = options.ModelDirectory;
        bundle.Save(directory);
        var report = TrainingReport.From(metrics, trainFeatures.Count, data, table, options, bundle.Trainer, cv);
        ReportFiles.WriteJson(Path.Combine(directory, ReportFiles.MetricsFileName), report);
        ReportFiles.WriteSplit(Path.Combine(directory, ReportFiles.SplitFileName), data, isTest, folds);
        if (options.ExportFeatures)
        {
            ReportFiles.WriteFeatures(Path.Combine(directory, ReportFiles.FeaturesFileName), data);
        }

        TrainingPlots.ConfusionMatrix(metrics, Path.Combine(directory, TrainingPlots.ConfusionMatrixFileName));
        if (bundle.IsBinary)
        {
            var (fpr, tpr) = MetricsCalculator.RocCurve(testClasses, probabilities);
            TrainingPlots.RocCurve(fpr, tpr, metrics.Auc, data.Labels[1], Path.Combine(directory, TrainingPlots.RocCurveFileName));
        }

        if (!options.Quiet)
        {
            MetricsTable.Write($"hold-out test set ({metrics.Count} of {data.Rows.Count} rows; {data.ExcludedErrors} error rows excluded)", metrics, cv);
        }

        return report;
    }

    private static int Fail(int code, string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return code;
    }
}
