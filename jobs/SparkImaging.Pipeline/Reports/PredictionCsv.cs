using System.Globalization;
using System.Text;
using SparkImaging.Pipeline.Training;
using SparkImaging.Udfs.Features;

namespace SparkImaging.Pipeline.Reports;

/// <summary>
/// predict's <c>--csv</c>: one line per input, ordered by path, for users without a Parquet reader:
/// <c>path,label,error,prediction</c>, then one probability column per class headed by the class's name.
/// </summary>
public static class PredictionCsv
{
    /// <summary>Writes <paramref name="table"/> to <paramref name="path"/> (UTF-8, no BOM, '\n' line ends).</summary>
    public static void Write(PredictionTable table, string path)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(path);
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        writer.Write(string.Join(',', new[] { FeatureColumns.Path, FeatureColumns.Label, FeatureColumns.Error, PredictionRows.PredictionColumn }.Concat(table.Labels).Select(ReportFiles.Csv)));
        writer.Write('\n');
        foreach (var row in table.Rows)
        {
            writer.Write(ReportFiles.Csv(row.Path));
            writer.Write(',');
            writer.Write(ReportFiles.Csv(row.Label ?? string.Empty));
            writer.Write(',');
            writer.Write(ReportFiles.Csv(row.Error ?? string.Empty));
            writer.Write(',');
            writer.Write(ReportFiles.Csv(row.Prediction ?? string.Empty));
            for (var c = 0; c < table.Labels.Count; c++)
            {
                writer.Write(',');
                if (row.Probability is { } probability)
                {
                    writer.Write(probability[c].ToString("R", CultureInfo.InvariantCulture));
                }
            }

            writer.Write('\n');
        }
    }
}
