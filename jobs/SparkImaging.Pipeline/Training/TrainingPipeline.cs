using System.Globalization;
using SparkImaging.Pipeline.Dataset;

namespace SparkImaging.Pipeline.Training;

/// <summary>
/// train: feature dataset → split → (cross-validate) → fit → score the hold-out → model directory.
/// Throws <see cref="PipelineException"/> (a <see cref="TrainingException"/> or <see cref="FeatureTableException"/>) with the
/// failure's kind; the host maps kinds to exit codes.
/// </summary>
public static class TrainingPipeline
{
    /// <summary>Reads the dataset directory and trains on it.</summary>
    /// <param name="options">What to train on and how.</param>
    /// <param name="output">Receives the metrics table (<see cref="TextWriter.Null"/> for none).</param>
    /// <param name="log">Receives warnings.</param>
    /// <param name="ct">Cancels between part files.</param>
    public static async Task<TrainingReport> RunAsync(TrainOptions options, TextWriter output, TextWriter log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        Check(options);
        ModelFiles.CheckWritable(options.ModelDirectory, options.Overwrite);
        if (!Directory.Exists(options.FeaturesDirectory))
        {
            throw new PipelineException(PipelineErrorKind.NoInput, $"--features '{options.FeaturesDirectory}': no such directory.");
        }

        // Load: every committed part file; error and unlabeled rows are counted, not learned from.
        var table = await FeatureTableReader.ReadAsync(options.FeaturesDirectory, options.GroupColumn, ct);
        if (!table.Complete)
        {
            await log.WriteLineAsync($"warning: '{options.FeaturesDirectory}' has no _SUCCESS: training on the part files committed so far.");
        }

        return Train(table, options, output);
    }

    /// <summary>Trains on a dataset already in memory (the Spark driver collects it through Spark).</summary>
    /// <param name="table">The whole feature dataset.</param>
    /// <param name="options">How to train; <see cref="TrainOptions.FeaturesDirectory"/> only names the dataset in reports.</param>
    /// <param name="output">Receives the metrics table (<see cref="TextWriter.Null"/> for none).</param>
    public static TrainingReport Train(FeatureTable table, TrainOptions options, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        Check(options);
        var data = TrainingData.From(table);
        if (data.Labels.Count < 2)
        {
            throw new TrainingException(PipelineErrorKind.Failed, $"Feature dataset '{options.FeaturesDirectory}' has {data.Rows.Count} usable rows with {data.Labels.Count} distinct label(s); training needs at least two labels.");
        }

        if (options.Pca is { } rank && rank > table.FeatureLength)
        {
            throw new TrainingException(PipelineErrorKind.InvalidRequest, $"--pca {rank}: the features have only {table.FeatureLength} dimensions.");
        }

        var groups = options.GroupColumn is null ? null : data.Rows.Select(r => r.Group).ToArray();

        // Split: a stratified, seeded hold-out that keeps each group on one side.
        var isTest = DataSplitter.HoldOut(data.Classes, groups, data.Labels.Count, options.TestFraction, options.Seed);
        var (trainFeatures, trainClasses) = data.Select(isTest, keep: false);
        var (testFeatures, testClasses) = data.Select(isTest, keep: true);
        if (testFeatures.Count == 0 || trainClasses.Distinct().Count() < 2)
        {
            throw new TrainingException(PipelineErrorKind.Failed, $"The hold-out split of {data.Rows.Count} rows left {testFeatures.Count} test rows and {trainClasses.Distinct().Count()} label(s) for training; add data or change --test-fraction.");
        }

        // Cross-validate on all usable rows, when asked.
        int[]? folds = null;
        CrossValidationReport? cv = null;
        if (options.Folds is { } k)
        {
            CheckFolds(data, k);
            try
            {
                folds = DataSplitter.Folds(data.Classes, groups, data.Labels.Count, k, options.Seed);
            }
            catch (ArgumentException e)
            {
                throw new TrainingException(PipelineErrorKind.InvalidRequest, $"--folds {k}: {PipelineException.UserMessage(e)}");
            }

            cv = CrossValidation.Run(data, folds, k, table, options);
        }

        // Fit on the training side, score the test side.
        var bundle = ModelTrainer.Fit(trainFeatures, trainClasses, data.Labels, table.Spec, options);
        var probabilities = bundle.PredictProbabilities(testFeatures);
        var metrics = MetricsCalculator.Compute(testClasses, probabilities, data.Labels);

        // Write the model directory.
        var directory = options.ModelDirectory;
        ModelFiles.RemoveExisting(directory);
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

        MetricsTable.Write(output, $"hold-out test set ({metrics.Count} of {data.Rows.Count} rows; {data.ExcludedErrors} error rows excluded)", metrics, cv);
        return report;
    }

    /// <summary>Like scikit-learn's StratifiedKFold: every class needs at least one row per fold.</summary>
    private static void CheckFolds(TrainingData data, int folds)
    {
        var sizes = new int[data.Labels.Count];
        foreach (var c in data.Classes)
        {
            sizes[c]++;
        }

        if (sizes.Min() < folds)
        {
            var classes = string.Join(", ", Enumerable.Range(0, sizes.Length).Select(c => string.Create(CultureInfo.InvariantCulture, $"{data.Labels[c]}: {sizes[c]}")));
            throw new TrainingException(PipelineErrorKind.InvalidRequest, string.Create(CultureInfo.InvariantCulture, $"--folds {folds}: the smallest class has {sizes.Min()} rows, fewer than the folds; stratified cross-validation needs at least {folds} rows of every class (rows per class: {classes})."));
        }
    }

    private static void Check(TrainOptions options)
    {
        if (options.Validate() is { } problem)
        {
            throw new TrainingException(PipelineErrorKind.InvalidRequest, problem);
        }
    }
}
