using System.Globalization;
using SparkImaging.Pipeline.Training;
using Spectre.Console;

namespace SparkImaging.Pipeline.Reports;

/// <summary>
/// What a predictions dataset says: how many inputs went to each class and, for the inputs that carry a label the
/// model knows, the accuracy and confusion matrix (scikit-learn's definitions, <see cref="MetricsCalculator"/>).
/// </summary>
/// <param name="Rows">Every row, failures included.</param>
/// <param name="Failed">Rows with an error (no prediction).</param>
/// <param name="Predicted">Rows per predicted class, in the model's label order (classes never predicted included).</param>
/// <param name="Scored">Metrics over the rows whose label is one of the model's; null when no row has one.</param>
/// <param name="UnknownLabels">Rows whose label the model was not trained on (not scored), by label.</param>
public sealed record PredictionSummary(
    long Rows,
    long Failed,
    IReadOnlyList<LabelCount> Predicted,
    ClassificationMetrics? Scored,
    IReadOnlyList<LabelCount> UnknownLabels)
{
    /// <summary>Counts and scores a predictions table.</summary>
    public static PredictionSummary Of(PredictionTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var classIndex = table.Labels.Select((label, i) => (label, i)).ToDictionary(p => p.label, p => p.i, StringComparer.Ordinal);
        var predicted = new long[table.Labels.Count];
        var unknown = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var truth = new List<int>();
        var probabilities = new List<double[]>();
        long failed = 0;
        foreach (var row in table.Rows)
        {
            if (row.Prediction is null || row.Probability is null)
            {
                failed++;
                continue;
            }

            predicted[classIndex[row.Prediction]]++;
            if (row.Label is null)
            {
                continue;
            }

            if (classIndex.TryGetValue(row.Label, out var index))
            {
                truth.Add(index);
                probabilities.Add(Array.ConvertAll(row.Probability, p => (double)p));
            }
            else
            {
                unknown[row.Label] = unknown.GetValueOrDefault(row.Label) + 1;
            }
        }

        return new PredictionSummary(
            table.Rows.Count,
            failed,
            table.Labels.Select((label, i) => new LabelCount(label, predicted[i])).ToList(),
            truth.Count == 0 ? null : MetricsCalculator.Compute(truth, probabilities, table.Labels),
            unknown.Select(kv => new LabelCount(kv.Key, kv.Value)).ToList());
    }

    /// <summary>Prints the counts per predicted class, then the accuracy and confusion tables when inputs carried labels.</summary>
    public void Write(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var console = MetricsTable.ConsoleFor(output);
        var counts = new Table().Title("predictions").AddColumn("predicted class").AddColumn(new TableColumn("rows").RightAligned());
        foreach (var count in Predicted)
        {
            counts.AddRow(Markup.Escape(count.Label), N(count.Rows));
        }

        counts.AddRow("(error: no prediction)", N(Failed));
        console.Write(counts);
        if (UnknownLabels.Count > 0)
        {
            output.WriteLine($"not scored: {string.Join(", ", UnknownLabels.Select(u => $"{u.Rows} labelled '{u.Label}'"))} (labels the model was not trained on)");
        }

        if (Scored is not null)
        {
            MetricsTable.Write(output, "vs. input labels", Scored, cv: null);
        }
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
