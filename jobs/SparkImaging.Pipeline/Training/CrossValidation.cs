using SparkImaging.Pipeline.Dataset;

namespace SparkImaging.Pipeline.Training;

/// <summary>K-fold cross-validation: fit on K−1 folds, score the remaining one, K times.</summary>
internal static class CrossValidation
{
    public static CrossValidationReport Run(TrainingData data, int[] folds, int k, FeatureTable table, TrainOptions options)
    {
        var perFold = new List<ClassificationMetrics>(k);
        for (var f = 0; f < k; f++)
        {
            var inFold = folds.Select(x => x == f).ToArray();
            var (trainFeatures, trainClasses) = data.Select(inFold, keep: false);
            var (testFeatures, testClasses) = data.Select(inFold, keep: true);
            if (trainClasses.Distinct().Count() < 2)
            {
                throw new TrainingException(PipelineErrorKind.Failed, $"Cross-validation fold {f} leaves fewer than two labels to train on; use fewer --folds.");
            }

            var bundle = ModelTrainer.Fit(trainFeatures, trainClasses, data.Labels, table.Spec, options);
            perFold.Add(MetricsCalculator.Compute(testClasses, bundle.PredictProbabilities(testFeatures), data.Labels));
        }

        var series = new Dictionary<string, double[]>(StringComparer.Ordinal)
        {
            ["accuracy"] = perFold.Select(m => m.Accuracy).ToArray(),
            ["macro_f1"] = perFold.Select(m => m.MacroF1).ToArray(),
            ["log_loss"] = perFold.Select(m => m.LogLoss).ToArray(),
        };
        if (perFold.All(m => m.Auc is not null))
        {
            series["auc"] = perFold.Select(m => m.Auc!.Value).ToArray();
        }

        return new CrossValidationReport(
            k,
            perFold,
            series.ToDictionary(s => s.Key, s => s.Value.Average(), StringComparer.Ordinal),
            series.ToDictionary(s => s.Key, s => SampleStandardDeviation(s.Value), StringComparer.Ordinal));
    }

    private static double SampleStandardDeviation(double[] values)
    {
        if (values.Length < 2)
        {
            return 0;
        }

        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }
}
