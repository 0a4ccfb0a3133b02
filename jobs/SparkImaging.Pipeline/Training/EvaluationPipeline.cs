using SparkImaging.Pipeline.Dataset;

namespace SparkImaging.Pipeline.Training;

/// <summary>evaluate: score a feature dataset with a saved model; refuses a dataset whose features differ from the model's.</summary>
public static class EvaluationPipeline
{
    /// <summary>evaluation.json's default name.</summary>
    public const string DefaultOutputFileName = "evaluation.json";

    /// <summary>Runs evaluation: writes the metrics JSON and the table to <paramref name="table"/>.</summary>
    /// <exception cref="PipelineException">The dataset or model cannot be used; the kind says why.</exception>
    public static async Task<EvaluationReport> RunAsync(EvaluateOptions options, TextWriter table, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(table);
        if (!Directory.Exists(options.FeaturesDirectory))
        {
            throw new PipelineException(PipelineErrorKind.NoInput, $"--features '{options.FeaturesDirectory}': no such directory.");
        }

        var bundle = ModelBundle.Load(options.ModelDirectory);
        var output = options.Output ?? Path.Combine(options.ModelDirectory, DefaultOutputFileName);
        if (Path.GetDirectoryName(Path.GetFullPath(output)) is { } folder && !Directory.Exists(folder))
        {
            throw new PipelineException(PipelineErrorKind.InvalidRequest, $"--output '{output}': folder '{folder}' does not exist.");
        }

        var report = await EvaluateAsync(bundle, options, ct);
        ReportFiles.WriteJson(output, report);
        MetricsTable.Write(table, $"{options.FeaturesDirectory} scored by {options.ModelDirectory}", report.Metrics, null);
        return report;
    }

    internal static async Task<EvaluationReport> EvaluateAsync(ModelBundle bundle, EvaluateOptions options, CancellationToken ct)
    {
        // Load, and check the dataset's features are the model's before scoring anything.
        var table = await FeatureTableReader.ReadAsync(options.FeaturesDirectory, null, ct);
        if (!FeatureTableReader.SameFeatures(table.Spec, bundle.FeatureSpec))
        {
            throw new TrainingException(PipelineErrorKind.InvalidRequest,
                $"Feature dataset '{options.FeaturesDirectory}' has features {table.Spec} but model '{options.ModelDirectory}' was trained on {bundle.FeatureSpec}; featurize with the model's spec first.");
        }

        var known = new HashSet<string>(bundle.Labels, StringComparer.Ordinal);
        var all = TrainingData.From(table);

        // Rows with a label the model never saw cannot be scored against it: counted, not guessed.
        var rows = all.Rows.Where(r => known.Contains(r.Label!)).ToList();
        if (rows.Count == 0)
        {
            throw new TrainingException(PipelineErrorKind.Failed, $"Feature dataset '{options.FeaturesDirectory}' has no row with features and one of the model's labels ({string.Join(", ", bundle.Labels)}).");
        }

        var data = TrainingData.WithLabels(rows, bundle.Labels, all.ExcludedErrors, all.ExcludedUnlabeled);
        var metrics = MetricsCalculator.Compute(data.Classes, bundle.PredictProbabilities(data.Features), bundle.Labels);
        return new EvaluationReport(
            metrics,
            all.ExcludedErrors,
            all.ExcludedUnlabeled,
            all.Rows.Count - rows.Count,
            Path.GetFullPath(options.FeaturesDirectory),
            Path.GetFullPath(options.ModelDirectory),
            ProgramVersion.Current);
    }
}
