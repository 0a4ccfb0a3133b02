using System.CommandLine;
using SparkImaging.Pipeline;
using SparkImaging.Pipeline.Reports;

namespace SparkImaging.Jobs.Cli;

/// <summary><c>sparkimaging inspect DIR</c>: describes a feature or predictions dataset; <c>--json</c>, <c>--plot FILE.png</c>.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var dataset = new Argument<string>("DIR") { Description = "Feature or predictions dataset directory (output of featurize, run or predict)." };
        var json = new Option<bool>("--json") { Description = "Print the description as JSON (snake_case keys), for scripts." };
        var plot = new Option<string?>("--plot") { Description = "Also write a PNG: the mean LBP histogram per label, ± 1 SD, one panel per --lbp column." };
        var command = new Command("inspect", """
            Describe a dataset: schema and feature spec, rows, committed or not (_SUCCESS), rows per label,
            failures by kind with their first paths, part files and size; for predictions, counts per predicted class.

            Examples:
              sparkimaging inspect out/features
              sparkimaging inspect out/features --plot histograms.png
              sparkimaging inspect out/predictions --json
            """) { dataset, json, plot };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var inspection = await DatasetInspection.ReadAsync(parse.GetValue(dataset)!, cancellationToken);
            if (parse.GetValue(plot) is { } png)
            {
                MeanHistogramPlot.Save(inspection.Table, png);
            }

            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(inspection.ToJson());
            }
            else
            {
                DatasetInspectionText.Write(inspection, Console.Out);
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
