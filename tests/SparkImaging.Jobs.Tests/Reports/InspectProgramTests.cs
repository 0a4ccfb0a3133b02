using System.Buffers.Binary;
using System.Text.Json;
using DuckDB.NET.Data;
using SparkImaging.Jobs.Tests.Support;

namespace SparkImaging.Jobs.Tests.Reports;

/// <summary><c>sparkimaging inspect</c> through the real program, its numbers checked against the dataset read by DuckDB.</summary>
public sealed class InspectProgramTests : IDisposable
{
    private const string NotAnImage = "not-an-image.png";
    private const string Truncated = "truncated.png";
    private static readonly string[] TwoSpecs = ["--lbp", "8:1", "--lbp", "24:3"];
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Inspect_reports_the_rows_labels_failures_spec_and_parts_the_dataset_holds()
    {
        var features = FeaturizeSamplesWithTwoFailures();
        var plot = temp.Combine("plots", "histograms.png");

        var result = ProgramRunner.Run("inspect", features, "--json", "--plot", plot);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        var rows = DatasetRows.Read(features);
        Assert.Equal(SampleImages.SampleCount + 2, rows.Count);
        Assert.Equal(rows.Count, root.GetProperty("rows").GetInt64());
        Assert.Equal(rows.Count(r => r.Error is not null), root.GetProperty("failed").GetInt64());
        Assert.True(root.GetProperty("committed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("predictions").ValueKind);
        Assert.Equal(["lbp_p8_r1_uniform", "lbp_p24_r3_uniform"], Strings(root.GetProperty("feature_spec").GetProperty("columns")));
        Assert.Equal(["path", "label", "width", "height", "error", "lbp_p8_r1_uniform", "lbp_p24_r3_uniform"], Strings(root.GetProperty("schema"), "name"));

        var expectedLabels = rows.GroupBy(r => r.Label!).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key}:{g.Count()}:{g.Count(r => r.Error is not null)}");
        var labels = root.GetProperty("labels").EnumerateArray()
            .Select(l => $"{l.GetProperty("label").GetString()}:{l.GetProperty("rows").GetInt64()}:{l.GetProperty("failed").GetInt64()}");
        Assert.Equal(expectedLabels, labels);

        var expectedFailures = rows.Where(r => r.Error is not null).GroupBy(r => r.Error!.Split(':')[0]).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key}:{g.Count()}:{string.Join('|', g.Select(r => r.Path))}");
        var failures = root.GetProperty("failures").EnumerateArray().OrderBy(f => f.GetProperty("kind").GetString(), StringComparer.Ordinal)
            .Select(f => $"{f.GetProperty("kind").GetString()}:{f.GetProperty("rows").GetInt64()}:{string.Join('|', Strings(f.GetProperty("first_paths")))}");
        Assert.Equal(expectedFailures, failures);
        Assert.Equal(["truncated", "unsupported format"], root.GetProperty("failures").EnumerateArray().Select(f => f.GetProperty("kind").GetString()).Order(StringComparer.Ordinal));

        var parts = Directory.GetFiles(features, "part-*.parquet").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(parts.Select(Path.GetFileName), Strings(root.GetProperty("part_files"), "name"));
        Assert.Equal(parts.Sum(p => new FileInfo(p).Length), root.GetProperty("bytes").GetInt64());
        Assert.Equal(rows.Count, root.GetProperty("part_files").EnumerateArray().Sum(p => p.GetProperty("rows").GetInt64()));

        // One panel per --lbp column, at the plot's fixed width and per-panel height.
        var (width, height) = PngSize(plot);
        Assert.Equal((900, 2 * 360), (width, height));
        Assert.InRange(new FileInfo(plot).Length, 20_000, 2_000_000);
    }

    [Fact]
    public void Inspect_text_names_the_labels_and_failures_and_says_when_the_dataset_is_not_committed()
    {
        var features = FeaturizeSamplesWithTwoFailures();
        File.Delete(Path.Combine(features, "_SUCCESS"));

        var result = ProgramRunner.Run("inspect", features);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("committed: no", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"rows:      {SampleImages.SampleCount + 2} ({SampleImages.SampleCount} with features, 2 failed)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("--lbp 8:1:uniform --lbp 24:3:uniform --gray mean --normalize max", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(temp.Path, "extra", "brick", Truncated), result.Stdout, StringComparison.Ordinal);
        Assert.Contains("unsupported format", result.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(features, "_SUCCESS")), "inspect only reads");
    }

    [Fact]
    public void Inspect_refuses_what_is_not_a_dataset_in_one_line_with_exit_2()
    {
        var empty = temp.Combine("empty");
        Directory.CreateDirectory(empty);
        var notParquet = temp.Combine("not-parquet");
        Directory.CreateDirectory(notParquet);
        File.WriteAllText(Path.Combine(notParquet, "part-00000-x.parquet"), "this is no parquet file");

        foreach (var directory in new[] { temp.Combine("no-such-dir"), empty, notParquet })
        {
            var result = ProgramRunner.Run("inspect", directory);

            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("error: ", result.Stderr, StringComparison.Ordinal);
            Assert.Contains(directory, result.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Predict_prints_counts_and_scores_and_writes_a_csv_that_agrees_with_its_dataset()
    {
        var job = temp.Combine("job");
        var run = ProgramRunner.Run("run", "--input", SampleImages.Samples, "--output", job, "--seed", "7");
        Assert.True(run.ExitCode == 0, run.ToString());
        var extra = temp.Combine("extra", "gravel");
        Directory.CreateDirectory(extra);
        File.WriteAllText(Path.Combine(extra, NotAnImage), "text, not pixels");
        var predictions = temp.Combine("predictions");
        var csv = temp.Combine("out", "predictions.csv");

        var predict = ProgramRunner.Run("predict", "--input", SampleImages.Samples, "--input", extra, "--model", Path.Combine(job, "model"), "--output", predictions, "--csv", csv);

        Assert.True(predict.ExitCode == 0, predict.ToString());
        var parquet = PredictionsByPath(predictions);
        Assert.Equal(SampleImages.SampleCount + 1, parquet.Count);
        var lines = File.ReadAllLines(csv);
        Assert.Equal("path,label,error,prediction,brick,grass,gravel", lines[0]);
        Assert.Equal(parquet.Count, lines.Length - 1);
        foreach (var line in lines.Skip(1))
        {
            // Sample paths hold no comma; the error text of the one failed row is quoted.
            var fields = line.Split(',');
            var (prediction, label) = parquet[fields[0]];
            Assert.Equal(prediction ?? string.Empty, fields[^4]);
            Assert.Equal(label, fields[1]);
            if (prediction is null)
            {
                Assert.Equal(["", "", ""], fields[^3..]);
                continue;
            }

            var probabilities = fields[^3..].Select(f => double.Parse(f, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            Assert.InRange(probabilities.Sum(), 1 - 1e-5, 1 + 1e-5);
            Assert.Equal(prediction, new[] { "brick", "grass", "gravel" }[Array.IndexOf(probabilities, probabilities.Max())]);
        }

        // The printed summary: rows per predicted class as the dataset holds them, and the scores against the labels.
        foreach (var group in parquet.Values.Where(v => v.Prediction is not null).GroupBy(v => v.Prediction!))
        {
            // The first column is as wide as its longest cell, "(error: no prediction)": 22 characters.
            Assert.Matches($@"│ {group.Key,-22} │ +{group.Count()} │", predict.Stdout);
        }

        Assert.Matches(@"│ \(error: no prediction\) │ +1 │", predict.Stdout);
        var accuracy = parquet.Values.Count(v => v.Prediction is not null && v.Prediction == v.Label) / (double)SampleImages.SampleCount;
        Assert.Contains($"│ accuracy    │ {accuracy.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture)} │", predict.Stdout, StringComparison.Ordinal);
        Assert.Contains("confusion matrix", predict.Stdout, StringComparison.Ordinal);

        var inspect = ProgramRunner.Run("inspect", predictions, "--json");
        Assert.True(inspect.ExitCode == 0, inspect.ToString());
        using var json = JsonDocument.Parse(inspect.Stdout);
        var predicted = json.RootElement.GetProperty("predictions").GetProperty("predicted").EnumerateArray()
            .ToDictionary(p => p.GetProperty("label").GetString()!, p => p.GetProperty("rows").GetInt64());
        Assert.Equal(parquet.Values.Count(v => v.Prediction == "gravel"), predicted["gravel"]);
        Assert.Equal(SampleImages.SampleCount, predicted.Values.Sum());
    }

    /// <summary>The samples plus a file that is no image and a cut PNG, under the label 'brick', with two LBP specs.</summary>
    private string FeaturizeSamplesWithTwoFailures()
    {
        var extra = temp.Combine("extra", "brick");
        Directory.CreateDirectory(extra);
        File.WriteAllText(Path.Combine(extra, NotAnImage), "text, not pixels");
        var sample = Directory.GetFiles(Path.Combine(SampleImages.Samples, "brick"), "*.png").Order(StringComparer.Ordinal).First();
        File.WriteAllBytes(Path.Combine(extra, Truncated), File.ReadAllBytes(sample)[..400]);
        var features = temp.Combine("features");
        var featurize = ProgramRunner.Run(["featurize", "--input", SampleImages.Samples, "--input", temp.Combine("extra"), "--output", features, .. TwoSpecs]);
        Assert.True(featurize.ExitCode == 0, featurize.ToString());
        return features;
    }

    private static Dictionary<string, (string? Prediction, string? Label)> PredictionsByPath(string directory)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT path, prediction, label FROM read_parquet('{directory}/*.parquet')";
        using var reader = command.ExecuteReader();
        var rows = new Dictionary<string, (string?, string?)>(StringComparer.Ordinal);
        while (reader.Read())
        {
            rows.Add(reader.GetString(0), (reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return rows;
    }

    private static IEnumerable<string?> Strings(JsonElement array, string? property = null) =>
        array.EnumerateArray().Select(e => (property is null ? e : e.GetProperty(property)).GetString()).ToList();

    /// <summary>Width and height from the PNG signature and IHDR chunk (big-endian, bytes 16-23).</summary>
    private static (int Width, int Height) PngSize(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }), "not a PNG");
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }
}
