namespace SparkImaging.Pipeline.Training;

/// <summary>Computes <see cref="ClassificationMetrics"/> from class probabilities, with scikit-learn's definitions.</summary>
public static class MetricsCalculator
{
    /// <summary>scikit-learn's <c>log_loss</c> clipping.</summary>
    public const double ProbabilityFloor = 1e-15;

    /// <summary>Scores predictions against the truth.</summary>
    /// <param name="truth">True class index of each row.</param>
    /// <param name="probabilities">Class probabilities of each row, in <paramref name="labels"/> order.</param>
    /// <param name="labels">The model's labels.</param>
    public static ClassificationMetrics Compute(IReadOnlyList<int> truth, IReadOnlyList<double[]> probabilities, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(labels);
        if (truth.Count != probabilities.Count)
        {
            throw new ArgumentException($"{truth.Count} true labels but {probabilities.Count} predictions.", nameof(probabilities));
        }

        var k = labels.Count;
        var confusion = new int[k][];
        for (var i = 0; i < k; i++)
        {
            confusion[i] = new int[k];
        }

        double logLoss = 0;
        var correct = 0;
        for (var r = 0; r < truth.Count; r++)
        {
            var predicted = ModelBundle.ArgMax(probabilities[r]);
            confusion[truth[r]][predicted]++;
            correct += predicted == truth[r] ? 1 : 0;
            logLoss -= Math.Log(Math.Clamp(probabilities[r][truth[r]], ProbabilityFloor, 1 - ProbabilityFloor));
        }

        // Macro F1 as scikit-learn's f1_score(average="macro"): over the classes that are true or predicted in this set.
        var perClass = new Dictionary<string, ClassMetrics>(StringComparer.Ordinal);
        double f1Sum = 0;
        var present = 0;
        for (var c = 0; c < k; c++)
        {
            var truePositives = confusion[c][c];
            var predictedCount = 0;
            var support = 0;
            for (var i = 0; i < k; i++)
            {
                predictedCount += confusion[i][c];
                support += confusion[c][i];
            }

            var precision = predictedCount == 0 ? 0 : (double)truePositives / predictedCount;
            var recall = support == 0 ? 0 : (double)truePositives / support;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            if (support + predictedCount > 0)
            {
                f1Sum += f1;
                present++;
            }
            perClass[labels[c]] = new ClassMetrics(precision, recall, f1, support);
        }

        var n = Math.Max(truth.Count, 1);
        return new ClassificationMetrics
        {
            Accuracy = (double)correct / n,
            MacroF1 = present == 0 ? 0 : f1Sum / present,
            LogLoss = logLoss / n,
            Auc = k == 2 ? Auc(truth, probabilities) : null,
            Labels = labels,
            ConfusionMatrix = confusion,
            PerClass = perClass,
            Count = truth.Count,
        };
    }

    /// <summary>
    /// ROC AUC of the positive (second) class as the Mann–Whitney statistic, ties counted half;
    /// null when the set has only one class, where scikit-learn refuses too.
    /// </summary>
    public static double? Auc(IReadOnlyList<int> truth, IReadOnlyList<double[]> probabilities)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(probabilities);
        var order = Enumerable.Range(0, truth.Count).OrderBy(i => probabilities[i][1]).ToArray();
        double positiveRankSum = 0;
        long positives = 0;
        var start = 0;
        while (start < order.Length)
        {
            var end = start;
            while (end + 1 < order.Length && probabilities[order[end + 1]][1] == probabilities[order[start]][1])
            {
                end++;
            }

            // Tied scores share the mean of their 1-based ranks.
            var meanRank = ((start + end) / 2.0) + 1;
            for (var i = start; i <= end; i++)
            {
                if (truth[order[i]] == 1)
                {
                    positiveRankSum += meanRank;
                    positives++;
                }
            }

            start = end + 1;
        }

        long negatives = truth.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return null;
        }

        return (positiveRankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    /// <summary>ROC curve points (false positive rate, true positive rate) from (0,0) to (1,1), one per distinct threshold.</summary>
    public static (double[] FalsePositiveRate, double[] TruePositiveRate) RocCurve(IReadOnlyList<int> truth, IReadOnlyList<double[]> probabilities)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(probabilities);
        var order = Enumerable.Range(0, truth.Count).OrderByDescending(i => probabilities[i][1]).ToArray();
        var positives = truth.Count(t => t == 1);
        var negatives = truth.Count - positives;
        var fpr = new List<double> { 0 };
        var tpr = new List<double> { 0 };
        int truePositives = 0, falsePositives = 0;
        for (var i = 0; i < order.Length; i++)
        {
            if (truth[order[i]] == 1)
            {
                truePositives++;
            }
            else
            {
                falsePositives++;
            }

            var lastOfThreshold = i + 1 == order.Length || probabilities[order[i + 1]][1] != probabilities[order[i]][1];
            if (lastOfThreshold)
            {
                fpr.Add(negatives == 0 ? 0 : (double)falsePositives / negatives);
                tpr.Add(positives == 0 ? 0 : (double)truePositives / positives);
            }
        }

        return ([.. fpr], [.. tpr]);
    }
}
