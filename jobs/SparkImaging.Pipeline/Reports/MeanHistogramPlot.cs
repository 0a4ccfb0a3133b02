using System.Globalization;
using ScottPlot;
using SparkImaging.Pipeline.Dataset;

namespace SparkImaging.Pipeline.Reports;

/// <summary>
/// inspect's picture: the mean LBP histogram of each label with a band of ± one standard deviation, one panel per
/// <c>--lbp</c> column, on a log scale (the non-uniform and flat-patch bins hold most pixels and would flatten the
/// rest). Labels whose curves part are told apart by texture; overlapping bands are what a model confuses.
/// </summary>
public static class MeanHistogramPlot
{
    /// <summary>Width of the PNG in pixels.</summary>
    public const int Width = 900;

    /// <summary>Height of one panel in pixels.</summary>
    public const int PanelHeight = 360;

    /// <summary>Fractions below this are drawn at it: the log scale has no zero.</summary>
    private const double Floor = 1e-4;

    /// <summary>Writes the PNG; refuses a dataset without a single row with features.</summary>
    public static void Save(FeatureTable table, string path)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(path);
        var byLabel = table.Rows
            .Where(r => r.Features is not null)
            .GroupBy(r => r.Label ?? LabelRows.NoLabel, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Label: g.Key, Features: g.Select(r => r.Features!).ToList()))
            .ToList();
        if (byLabel.Count == 0)
        {
            throw new PipelineException(PipelineErrorKind.NoInput, "The dataset has no row with features to plot (every row failed).");
        }

        var palette = new ScottPlot.Palettes.Category10();
        var multiplot = new Multiplot();
        multiplot.AddPlots(table.Spec.Lbp.Count);
        var offset = 0;
        for (var s = 0; s < table.Spec.Lbp.Count; s++)
        {
            var spec = table.Spec.Lbp[s];
            var plot = multiplot.GetPlot(s);
            var bins = Enumerable.Range(0, spec.BinCount).Select(b => (double)b).ToArray();
            double low = 0.0, high = Math.Log10(Floor);
            for (var l = 0; l < byLabel.Count; l++)
            {
                var (mean, sd) = MeanAndSd(byLabel[l].Features, offset, spec.BinCount);
                low = Math.Min(low, Log(mean, sd, -1).Min());
                high = Math.Max(high, Log(mean, sd, +1).Max());
                var color = palette.GetColor(l);
                var band = plot.Add.FillY(bins, Log(mean, sd, -1), Log(mean, sd, +1));
                band.FillColor = color.WithAlpha(0.2);
                band.LineColor = Colors.Transparent;
                var line = plot.Add.Scatter(bins, Log(mean, sd, 0));
                line.Color = color;
                line.LineWidth = 2;
                line.MarkerSize = 4;
                line.LegendText = string.Create(CultureInfo.InvariantCulture, $"{byLabel[l].Label} (n={byLabel[l].Features.Count})");
            }

            plot.Title(string.Create(CultureInfo.InvariantCulture, $"{spec.ColumnName}: mean ± 1 SD per label"));
            plot.XLabel(string.Create(CultureInfo.InvariantCulture, $"LBP code ({spec.BinCount} bins)"));
            plot.YLabel("fraction of pixels (log scale)");
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
            {
                MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
                IntegerTicksOnly = true,
                LabelFormatter = y => Math.Pow(10, y).ToString("G3", CultureInfo.InvariantCulture),
            };
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
            plot.Axes.SetLimitsX(-0.5, spec.BinCount - 0.5);

            // Whole decades, so at least two labelled ticks show however narrow the data's range is.
            plot.Axes.SetLimitsY(Math.Floor(low), Math.Ceiling(high));
            plot.ShowLegend(Alignment.UpperLeft);
            offset += spec.BinCount;
        }

        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        multiplot.SavePng(path, Width, PanelHeight * table.Spec.Lbp.Count);
    }

    private static (double[] Mean, double[] Sd) MeanAndSd(List<float[]> rows, int offset, int bins)
    {
        var mean = new double[bins];
        var sd = new double[bins];
        for (var b = 0; b < bins; b++)
        {
            double sum = 0;
            foreach (var row in rows)
            {
                sum += row[offset + b];
            }

            mean[b] = sum / rows.Count;
            double squares = 0;
            foreach (var row in rows)
            {
                var d = row[offset + b] - mean[b];
                squares += d * d;
            }

            // Population SD: the spread of these rows, not an estimate for others.
            sd[b] = Math.Sqrt(squares / rows.Count);
        }

        return (mean, sd);
    }

    /// <summary>log10 of mean + k·sd per bin, floored.</summary>
    private static double[] Log(double[] mean, double[] sd, int k) => mean.Select((m, i) => Math.Log10(Math.Max(m + (k * sd[i]), Floor))).ToArray();
}
