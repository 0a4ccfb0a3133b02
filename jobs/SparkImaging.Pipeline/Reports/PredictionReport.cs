using SparkImaging.Pipeline.Dataset;

namespace SparkImaging.Pipeline.Reports;

/// <summary>What predict shows after writing its dataset: the summary, and the CSV when asked for.</summary>
public static class PredictionReport
{
    /// <summary>Reads the predictions dataset back, prints its summary to <paramref name="output"/> and writes <paramref name="csvPath"/> if given.</summary>
    public static async Task WriteAsync(string dataset, string? csvPath, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var table = await PredictionTable.ReadAsync(new DatasetDirectory(dataset).CommittedParts(), cancellationToken)
            ?? throw new FeatureTableException($"'{dataset}' holds no predictions.");
        PredictionSummary.Of(table).Write(output);
        if (csvPath is not null)
        {
            PredictionCsv.Write(table, csvPath);
            await output.WriteLineAsync($"wrote {table.Rows.Count} rows to {csvPath}");
        }
    }
}
