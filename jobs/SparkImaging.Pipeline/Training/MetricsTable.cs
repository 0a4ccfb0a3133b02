using System.Globalization;
using Spectre.Console;

namespace SparkImaging.Pipeline.Training;

/// <summary>The readable summary printed at the end of train and evaluate.</summary>
internal static class MetricsTable
{
    public static void Write(TextWriter output, string title, ClassificationMetrics metrics, CrossValidationReport? cv)
    {
        var console = ConsoleFor(output);
        var summary = new Table().Title(Markup.Escape(title)).AddColumn("metric").AddColumn(new TableColumn("value").RightAligned());
        summary.AddRow("accuracy", F(metrics.Accuracy));
        summary.AddRow("macro F1", F(metrics.MacroF1));
        summary.AddRow("log loss", F(metrics.LogLoss));
        if (metrics.Auc is { } auc)
        {
            summary.AddRow("ROC AUC", F(auc));
        }

        summary.AddRow("rows scored", metrics.Count.ToString(CultureInfo.InvariantCulture));
        if (cv is not null)
        {
            foreach (var (name, mean) in cv.Mean)
            {
                summary.AddRow(Markup.Escape($"{cv.Folds}-fold {name}"), $"{F(mean)} ± {F(cv.Sd[name])}");
            }
        }

        console.Write(summary);

        var perClass = new Table().AddColumn("label")
            .AddColumn(new TableColumn("precision").RightAligned())
            .AddColumn(new TableColumn("recall").RightAligned())
            .AddColumn(new TableColumn("F1").RightAligned())
            .AddColumn(new TableColumn("support").RightAligned());
        foreach (var label in metrics.Labels)
        {
            var m = metrics.PerClass[label];
            perClass.AddRow(Markup.Escape(label), F(m.Precision), F(m.Recall), F(m.F1), m.Support.ToString(CultureInfo.InvariantCulture));
        }

        console.Write(perClass);

        var confusion = new Table().Title("confusion matrix (rows: true, columns: predicted)").AddColumn("");
        foreach (var label in metrics.Labels)
        {
            confusion.AddColumn(new TableColumn(Markup.Escape(label)).RightAligned());
        }

        for (var t = 0; t < metrics.Labels.Count; t++)
        {
            confusion.AddRow([Markup.Escape(metrics.Labels[t]), .. metrics.ConfusionMatrix[t].Select(c => c.ToString(CultureInfo.InvariantCulture))]);
        }

        console.Write(confusion);
    }

    /// <summary>The process console keeps its terminal width and colours; any other writer gets plain text.</summary>
    internal static IAnsiConsole ConsoleFor(TextWriter output) =>
        ReferenceEquals(output, Console.Out)
            ? AnsiConsole.Console
            : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });

    private static string F(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
