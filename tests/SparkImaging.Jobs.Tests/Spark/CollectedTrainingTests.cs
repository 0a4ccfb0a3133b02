using System.Text.Json;
using SparkImaging.Jobs.Tests.Training;
using SparkImaging.Pipeline.Dataset;
using SparkImaging.Pipeline.Training;
using SparkImaging.Udfs.Features;

namespace SparkImaging.Jobs.Tests.Spark;

/// <summary>
/// The Spark driver trains on the feature table it collects through Spark (so any output URI works): rows rebuilt from
/// collected column values, histograms arriving as doubles, must train exactly as <c>sparkimaging train</c> does.
/// </summary>
public sealed class CollectedTrainingTests
{
    private static readonly FeatureSpec Spec = FeatureSpec.Parse(["8:1:uniform", "16:2:uniform"], "mean", "max", FeatureSpec.DefaultMaxPixels);

    [Fact]
    public async Task A_table_rebuilt_from_collected_values_trains_to_the_same_model_report_as_the_directory()
    {
        using var temp = new TempDirectory();
        TextureDataset.Write(temp.Sub("features"), Spec, kinds: 3, perKind: 20, errorRows: 2);
        var read = await FeatureTableReader.ReadAsync(temp.Sub("features"));

        // What the driver gets from Row.GetAs<float[]>: Spark widened each float to a double on the way.
        var collected = read.Rows.Select(row => FeatureTableReader.RowOf(
            Spec, row.Path, row.Label, row.Error, row.Group, row.Features is null ? [null, null] : ThroughDoubles(row.Features), "collected")).ToList();
        var table = new FeatureTable(Spec, collected, ["s3a://bucket/run/features"]) { Complete = true };
        var fromCollected = TrainingPipeline.Train(table, new TrainOptions { FeaturesDirectory = "s3a://bucket/run/features", ModelDirectory = temp.Sub("m1") }, TextWriter.Null);
        var fromDirectory = await TrainingPipeline.RunAsync(new TrainOptions { FeaturesDirectory = temp.Sub("features"), ModelDirectory = temp.Sub("m2") }, TextWriter.Null, TextWriter.Null, default);

        Assert.Equal(read.Rows.Select(r => r.Features), collected.Select(r => r.Features));
        Assert.Equal("s3a://bucket/run/features", fromCollected.FeaturesDirectory);
        Assert.Equal(Comparable(fromDirectory), Comparable(fromCollected));
        Assert.Equal(File.ReadAllText(Path.Combine(temp.Sub("m2"), "split.csv")), File.ReadAllText(Path.Combine(temp.Sub("m1"), "split.csv")));
    }

    [Fact]
    public void A_collected_row_without_error_whose_histogram_does_not_fit_the_spec_is_refused_naming_it()
    {
        float[][] histograms = [new float[Spec.Lbp[0].BinCount], new float[3]];

        var error = Assert.Throws<FeatureTableException>(() => FeatureTableReader.RowOf(Spec, "/d/a.png", "x", null, null, histograms, "Feature dataset 'hdfs://nn/f'"));

        Assert.Contains("Feature dataset 'hdfs://nn/f', row '/d/a.png': column 'lbp_p16_r2_uniform' has 3 values", error.Message, StringComparison.Ordinal);
        Assert.Null(FeatureTableReader.RowOf(Spec, "/d/b.png", "x", "corrupt: bad", null, [null, null], "collected").Features);
        Assert.Throws<FeatureTableException>(() => FeatureTableReader.RowOf(Spec, null, "x", null, null, histograms, "collected"));
    }

    private static float[]?[] ThroughDoubles(float[] features)
    {
        var first = Spec.Lbp[0].BinCount;
        return [Narrow(features[..first]), Narrow(features[first..])];

        static float[] Narrow(float[] values) => [.. values.Select(v => (double)v).Select(d => (float)d)];
    }

    /// <summary>The report without the fields that name where the data came from.</summary>
    private static string Comparable(TrainingReport report) =>
        JsonSerializer.Serialize(report with { FeaturesDirectory = string.Empty });
}
