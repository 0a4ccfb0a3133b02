using System.Globalization;
using SparkImaging.Pipeline.Training;
using Spectre.Console;

namespace SparkImaging.Pipeline.Reports;

/// <summary>The readable form of a <see cref="DatasetInspection"/>: a few lines, then tables.</summary>
public static class DatasetInspectionText
{
    /// <summary>Writes <paramref name="inspection"/> to <paramref name="output"/> (plain text unless it is the console).</summary>
    public static void Write(DatasetInspection inspection, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(inspection);
        ArgumentNullException.ThrowIfNull(output);
        var spec = inspection.FeatureSpec;
        output.WriteLine($"dataset:   {inspection.Directory}");
        output.WriteLine(inspection.Committed
            ? "committed: yes (_SUCCESS present: every input of the run is accounted for)"
            : "committed: no (no _SUCCESS: a run or some shards are unfinished; the rows below are those committed so far)");
        output.WriteLine($"kind:      {(inspection.Predictions is null ? "feature dataset" : "predictions dataset")}");
        output.WriteLine($"features:  --lbp {string.Join(" --lbp ", spec.Lbp)} --gray {spec.Gray} --normalize {spec.Normalize}");
        output.WriteLine($"written by sparkimaging {inspection.Version ?? "(unknown: no metadata, e.g. written by Spark)"}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rows:      {inspection.Rows} ({inspection.Rows - inspection.Failed} with features, {inspection.Failed} failed)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"files:     {inspection.PartFiles.Count} part files, {Size(inspection.Bytes)}"));

        var console = MetricsTable.ConsoleFor(output);
        var schema = new Table().Title("schema").AddColumn("column").AddColumn("type").AddColumn("nullable");
        foreach (var column in inspection.Schema)
        {
            schema.AddRow(Markup.Escape(column.Name), Markup.Escape(column.Type), column.Nullable ? "yes" : "no");
        }

        console.Write(schema);

        var labels = new Table().Title("rows per label").AddColumn("label").AddColumn(new TableColumn("rows").RightAligned()).AddColumn(new TableColumn("failed").RightAligned());
        foreach (var label in inspection.Labels)
        {
            labels.AddRow(Markup.Escape(label.Label), N(label.Rows), N(label.Failed));
        }

        console.Write(labels);

        // Plain lines, not a table: a table would wrap long paths, which users copy.
        if (inspection.Failures.Count > 0)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"failures by kind (first {DatasetInspection.FirstPathsPerKind} paths of each):"));
            foreach (var failure in inspection.Failures)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {failure.Kind}: {failure.Rows}"));
                foreach (var path in failure.FirstPaths)
                {
                    output.WriteLine($"    {path}");
                }
            }
        }

        var parts = new Table().Title("part files").AddColumn("file").AddColumn(new TableColumn("rows").RightAligned()).AddColumn(new TableColumn("size").RightAligned());
        foreach (var part in inspection.PartFiles)
        {
            parts.AddRow(Markup.Escape(part.Name), N(part.Rows), Size(part.Bytes));
        }

        console.Write(parts);
        inspection.Predictions?.Write(output);
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:F1} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):F1} MiB"),
    };
}
