using ScottPlot;

namespace SparkImaging.Pipeline.Training;

/// <summary>The PNG pictures written beside metrics.json.</summary>
internal static class TrainingPlots
{
    public const string ConfusionMatrixFileName = "confusion-matrix.png";
    public const string RocCurveFileName = "roc-curve.png";

    /// <summary>Confusion matrix: true label down, predicted label across, each cell shaded by its share of the row.</summary>
    public static void ConfusionMatrix(ClassificationMetrics metrics, string path)
    {
        var k = metrics.Labels.Count;
        var plot = new Plot();
        var positions = Enumerable.Range(0, k).Select(i => (double)i).ToArray();
        var names = metrics.Labels.ToArray();
        for (var t = 0; t < k; t++)
        {
            var rowTotal = Math.Max(metrics.ConfusionMatrix[t].Sum(), 1);
            for (var p = 0; p < k; p++)
            {
                var count = metrics.ConfusionMatrix[t][p];
                var share = (double)count / rowTotal;

                // Row 0 at the top, as confusion matrices are read.
                var y = k - 1 - t;
                var cell = plot.Add.Rectangle(p - 0.5, p + 0.5, y - 0.5, y + 0.5);
                cell.FillColor = Colors.SteelBlue.WithAlpha(0.1 + (0.9 * share));
                cell.LineColor = Colors.White;
                var text = plot.Add.Text(count.ToString(System.Globalization.CultureInfo.InvariantCulture), p, y);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = 18;
                text.LabelFontColor = share > 0.5 ? Colors.White : Colors.Black;
            }
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, names);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, names.Reverse().ToArray());
        plot.Axes.SetLimits(-0.5, k - 0.5, -0.5, k - 0.5);
        plot.XLabel("predicted label");
        plot.YLabel("true label");
        plot.Title(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Confusion matrix (accuracy {metrics.Accuracy:P1}, n={metrics.Count})"));
        var side = Math.Max(480, 120 + (80 * k));
        plot.SavePng(path, side, side);
    }

    /// <summary>ROC curve of the positive (second) label, with the chance diagonal.</summary>
    public static void RocCurve(double[] falsePositiveRate, double[] truePositiveRate, double? auc, string positiveLabel, string path)
    {
        var plot = new Plot();
        var chance = plot.Add.Line(0, 0, 1, 1);
        chance.LineColor = Colors.Gray;
        chance.LinePattern = LinePattern.Dashed;
        var curve = plot.Add.Scatter(falsePositiveRate, truePositiveRate);
        curve.MarkerSize = 0;
        curve.LineWidth = 2;
        plot.Axes.SetLimits(0, 1, 0, 1);
        plot.XLabel("false positive rate");
        plot.YLabel("true positive rate");
        plot.Title(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"ROC, positive label '{positiveLabel}' (AUC {auc:F3})"));
        plot.SavePng(path, 520, 520);
    }
}
