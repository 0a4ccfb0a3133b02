using SparkImaging.Jobs.Dataset;

namespace SparkImaging.Jobs.Training;

/// <summary>evaluate: score a feature dataset with a saved model; refuses a dataset whose features differ from the model's.</summary>
public static class EvaluationPipeline
{
    /// <summary>evaluation.json's default name.</summary>
    public const string DefaultOutputFileName = "evaluation.json";

    /// <summary>Runs evaluation; exit codes as train's.</summary>
    public static async Task<int> RunAsync(EvaluateOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Directory.Exists(options.FeaturesDirectory))
        {
            return Fail(2, $"--features '{options.FeaturesDirectory}': no such directory.");
        }

        ModelBundle bundle;
        try
        {
            bundle = ModelBundle.Load(options.ModelDirectory);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Fail(2, $"--model '{options.ModelDirectory}': {e.Message}");
        }

        try
        {
            var report = await EvaluateAsync(bundle, options, ct);
            ReportFiles.WriteJson(options.Output ?? Path.Combine(options.ModelDirectory, DefaultOutputFileName), report);
            if (!options.Quiet)
            {
                MetricsTable.Write($"{options.FeaturesDirectory} scored by {options.ModelDirectory}", report.Metrics, null);
            }

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

    internal static async Task<EvaluationReport> EvaluateAsync(ModelBundle bundle, EvaluateOptions options, CancellationToken ct)
    {
        // Load, and check the dataset's features are the model's before scoring anything.
        var table = await FeatureTableReader.ReadAsync(options.FeaturesDirectory, null, ct);
        if (!FeatureTableReader.SameFeatures(table.Spec, bundle.FeatureSpec))
        {
            throw new TrainingException(2,
                $"Feature dataset '{options.FeaturesDirectory}' has features {table.Spec} but model '{options.ModelDirectory}' was trained on {bundle.FeatureSpec}; featurize with the model's spec first.");
        }

        var known = new HashSet<string>(bundle.Labels, StringComparer.Ordinal);
        var all = TrainingData.From(table);

        // Rows with a label the model never saw cannot be scored against it: counted, not guessed.
        var rows = all.Rows.Where(r => known.Contains(r.Label!)).ToList();
        if (rows.Count == 0)
        {
            throw new TrainingException(1, $"Feature dataset '{options.FeaturesDirectory}' has no row with features and one of the model's labels ({string.Join(", ", bundle.Labels)}).");
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

    private static int Fail(int code, string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return code;
    }
}
