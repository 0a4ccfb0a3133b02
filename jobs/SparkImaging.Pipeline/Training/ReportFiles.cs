using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SparkImaging.Pipeline.Training;

/// <summary>Writes the JSON and CSV files of a model directory.</summary>
internal static class ReportFiles
{
    public const string MetricsFileName = "metrics.json";
    public const string SplitFileName = "split.csv";
    public const string FeaturesFileName = "features.csv";

    /// <summary>snake_case names (macro_f1, n_train), as Python users of metrics.json expect.</summary>
    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static void WriteJson<T>(string path, T value) => File.WriteAllText(path, JsonSerializer.Serialize(value, Json));

    /// <summary>split.csv: path, label, group, side (train/test) and CV fold of every row used, ordered by path.</summary>
    public static void WriteSplit(string path, TrainingData data, IReadOnlyList<bool> isTest, IReadOnlyList<int>? folds)
    {
        var text = new StringBuilder("path,label,group,side,fold\n");
        for (var i = 0; i < data.Rows.Count; i++)
        {
            var row = data.Rows[i];
            text.Append(Csv(row.Path)).Append(',').Append(Csv(row.Label!)).Append(',').Append(Csv(row.Group ?? ""))
                .Append(',').Append(isTest[i] ? "test" : "train").Append(',')
                .Append(folds is null ? "" : folds[i].ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        File.WriteAllText(path, text.ToString());
    }

    /// <summary>features.csv: path and the exact float features (round-trip format), in split.csv's row order.</summary>
    public static void WriteFeatures(string path, TrainingData data)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.Write("path");
        for (var j = 0; j < data.Features[0].Length; j++)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture, $",f{j}"));
        }

        writer.Write('\n');
        for (var i = 0; i < data.Rows.Count; i++)
        {
            writer.Write(Csv(data.Rows[i].Path));
            foreach (var value in data.Features[i])
            {
                writer.Write(',');
                writer.Write(value.ToString("R", CultureInfo.InvariantCulture));
            }

            writer.Write('\n');
        }
    }

    /// <summary>One CSV field, quoted only when it must be (RFC 4180).</summary>
    internal static string Csv(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
