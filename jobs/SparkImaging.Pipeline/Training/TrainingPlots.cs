using ScottPlot;

namespace SparkImaging.Pipeline.Training;

/// <summary>The PNG pictures written beside metrics.json.</summary>
internal static class TrainingPlots
{
    public const string ConfusionMatrixFileName = "confusion-matrix.png";
    public const string RocCurveFileName = "roc-curve.png";

    /// <summary>The ROC curve's colour, for tests that look for it in the picture.</summary>
    public static readonly Color RocColor = Colors.DarkOrange;

    /// <summary>
    /// Confusion matrix: true label down, predicted label across, each cell shaded by its share of the row and labelled
    /// with its count and that share; no grid lines cross the cells.
    /// </summary>
    public static void ConfusionMatrix(ClassificationMetrics metrics, string path)
    {
        var k = metrics.Labels.Count;
        var plot = new Plot();
        plot.HideGrid();
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
                cell.FillColor = Colors.Navy.WithAlpha(0.04 + (0.96 * share));
                cell.LineColor = Colors.White;
                cell.LineWidth = 2;
                var text = plot.Add.Text(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{count}\n{share:P0}"), p, y);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = 16;
                text.LabelBold = true;

                // White on the dark cells, black on the light ones: the shade is the cell's alpha over white.
                text.LabelFontColor = share > 0.45 ? Colors.White : Colors.Black;
            }
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, names);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, names.Reverse().ToArray());
        plot.Axes.SetLimits(-0.5, k - 0.5, -0.5, k - 0.5);
        plot.XLabel("predicted label");
        plot.YLabel("true label (count, share of the row)");
        plot.Title(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Confusion matrix (accuracy {metrics.Accuracy:P1}, n={metrics.Count})"));
        var side = Math.Max(520, 140 + (90 * k));
        plot.SavePng(path, side, side);
    }

    /// <summary>
    /// ROC curve of the positive (second) label, with the chance diagonal. The axes reach a little past 0 and 1 so that
    /// a perfect curve, which runs along the left and top edges, is drawn inside the frame rather than under it.
    /// </summary>
    public static void RocCurve(double[] falsePositiveRate, double[] truePositiveRate, double? auc, string positiveLabel, string path)
    {
        var plot = new Plot();
        var chance = plot.Add.Line(0, 0, 1, 1);
        chance.LineColor = Colors.Gray;
        chance.LinePattern = LinePattern.Dashed;
        var curve = plot.Add.Scatter(falsePositiveRate, truePositiveRate);
        curve.MarkerSize = 0;
        curve.LineWidth = 3;
        curve.Color = RocColor;
        plot.Axes.SetLimits(-0.03, 1.03, -0.03, 1.03);
        double[] at = [0, 0.2, 0.4, 0.6, 0.8, 1];
        var ticks = new ScottPlot.TickGenerators.NumericManual(at, [.. at.Select(v => v.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture))]);
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Left.TickGenerator = ticks;
        plot.XLabel("false positive rate");
        plot.YLabel("true positive rate");
        plot.Title(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"ROC, positive label '{positiveLabel}' (AUC {auc:F3})"));
        plot.SavePng(path, 520, 520);
    }
}
