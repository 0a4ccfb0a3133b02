using System.Runtime.CompilerServices;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using SparkImaging.Udfs.Features;

namespace SparkImaging.Udfs.Tests.Features;

/// <summary>The per-batch function on batches shaped exactly like Spark's binaryFile source.</summary>
public class FeatureBatchTests
{
    private static readonly string[] MixedFiles =
    [
        "png_rgb8.png", "jpeg_progressive.jpg", "gif_animated.gif", "webp_lossy.webp", "tiff_gray16.tif", "bmp_rgb.bmp", "png_gray16_interlaced.png",
    ];

    private static readonly FeatureSpec Spec = FeatureSpec.Parse(["8:1", "16:2:nri_uniform"], "mean", "max", FeatureSpec.DefaultMaxPixels);

    [Fact]
    public void Mixed_formats_null_and_corrupt_content_give_one_row_each_in_order()
    {
        var rows = MixedFiles.Select(f => ($"file:/data/{f}", (byte[]?)File.ReadAllBytes(Fixture(f)), (string?)"tissue")).ToList();
        rows.Insert(2, ("file:/data/missing.png", null, "tissue"));
        rows.Insert(4, ("file:/data/corrupt.jpg", File.ReadAllBytes(Fixture("jpeg_baseline.jpg"))[..900], null));
        rows.Add(("file:/data/empty.png", [], "stroma"));
        rows.Add(("file:/data/notes.png", "hello"u8.ToArray(), "stroma"));

        var output = FeatureBatch.Compute(SparkBatch(rows, withLabel: true), Spec);

        Assert.Equal(rows.Count, output.Length);
        var paths = (StringArray)output.Column(FeatureColumns.Path);
        var labels = (StringArray)output.Column(FeatureColumns.Label);
        var errors = (StringArray)output.Column(FeatureColumns.Error);
        var widths = (Int32Array)output.Column(FeatureColumns.Width);
        var histograms = (ListArray)output.Column("lbp_p16_r2_nri_uniform");
        var featurizer = new ImageFeaturizer(Spec);
        for (var i = 0; i < rows.Count; i++)
        {
            // binaryFile's file: URI is written as the plain path the command line writes.
            Assert.Equal(rows[i].Item1["file:".Length..], paths.GetString(i));
            Assert.Equal(rows[i].Item3, labels.GetString(i));
            var name = rows[i].Item1.Split('/')[^1];
            switch (name)
            {
                case "missing.png":
                    Assert.StartsWith("unreadable", errors.GetString(i), StringComparison.Ordinal);
                    break;
                case "corrupt.jpg":
                    Assert.StartsWith("truncated", errors.GetString(i), StringComparison.Ordinal);
                    Assert.Equal(61, widths.GetValue(i));
                    break;
                case "empty.png":
                    Assert.StartsWith("empty file", errors.GetString(i), StringComparison.Ordinal);
                    break;
                case "notes.png":
                    Assert.StartsWith("unsupported format", errors.GetString(i), StringComparison.Ordinal);
                    break;
                default:
                    Assert.Null(errors.GetString(i));
                    var expected = featurizer.Featurize(rows[i].Item2).Histograms![1];
                    var actual = (FloatArray)histograms.GetSlicedValues(i);
                    Assert.Equal(expected, Enumerable.Range(0, actual.Length).Select(j => actual.GetValue(j)!.Value));
                    break;
            }

            Assert.Equal(errors.GetString(i) is null, !histograms.IsNull(i));
        }
    }

    [Fact]
    public void Output_schema_is_the_feature_table_of_the_contract()
    {
        var output = FeatureBatch.Compute(SparkBatch([("file:/a.png", File.ReadAllBytes(Fixture("png_gray8.png")), null)], withLabel: false), Spec);

        Assert.Equal(
            ["path", "label", "width", "height", "error", "lbp_p8_r1_uniform", "lbp_p16_r2_nri_uniform"],
            output.Schema.FieldsList.Select(f => f.Name));
        Assert.False(output.Schema.GetFieldByName("path").IsNullable);
        Assert.IsType<StringType>(output.Schema.GetFieldByName("label").DataType);
        Assert.IsType<Int32Type>(output.Schema.GetFieldByName("width").DataType);
        var list = Assert.IsType<ListType>(output.Schema.GetFieldByName("lbp_p8_r1_uniform").DataType);
        Assert.IsType<FloatType>(list.ValueDataType);
        Assert.Null(((StringArray)output.Column(FeatureColumns.Label)).GetString(0));
        Assert.Equal(10, ((ListArray)output.Column("lbp_p8_r1_uniform")).GetSlicedValues(0).Length);
    }

    [Fact]
    public void Batches_survive_the_arrow_stream_format_spark_uses_both_ways()
    {
        var input = SparkBatch(MixedFiles.Select(f => ($"hdfs://nn/slides/{f}", (byte[]?)File.ReadAllBytes(Fixture(f)), (string?)"x")).ToList(), withLabel: true);

        var output = FeatureBatch.Compute(RoundTrip(input), Spec);
        var shipped = RoundTrip(output);

        Assert.Equal(output.Length, shipped.Length);
        Assert.Equal(output.Schema.FieldsList.Select(f => f.Name), shipped.Schema.FieldsList.Select(f => f.Name));
        Assert.Equal($"hdfs://nn/slides/{MixedFiles[0]}", ((StringArray)shipped.Column(FeatureColumns.Path)).GetString(0));
        var before = (ListArray)output.Column(6);
        var after = (ListArray)shipped.Column(6);
        for (var i = 0; i < output.Length; i++)
        {
            var a = (FloatArray)before.GetSlicedValues(i);
            var b = (FloatArray)after.GetSlicedValues(i);
            Assert.Equal(Enumerable.Range(0, a.Length).Select(a.GetValue), Enumerable.Range(0, b.Length).Select(b.GetValue));
        }
    }

    [Fact]
    public void Missing_content_column_is_refused_by_name()
    {
        var batch = new RecordBatch.Builder().Append(FeatureColumns.Path, false, col => col.String(s => s.Append("x"))).Build();

        var e = Assert.Throws<ArgumentException>(() => FeatureBatch.Compute(batch, Spec));

        Assert.Contains("'content'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Udf_rebuilt_without_its_constructor_as_the_spark_worker_does_still_computes()
    {
        // Microsoft.Spark ships the UDF's fields and recreates the object without running its constructor.
        var udf = (FeatureBatchUdf)RuntimeHelpers.GetUninitializedObject(typeof(FeatureBatchUdf));
        typeof(FeatureBatchUdf).GetField("featureSpecJson", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .SetValue(udf, Spec.ToJson());
        var input = SparkBatch([("file:/a.png", File.ReadAllBytes(Fixture("png_rgb8.png")), "a")], withLabel: true);

        var output = udf.Apply(input);

        Assert.Equal(1, output.Length);
        Assert.Null(((StringArray)output.Column(FeatureColumns.Error)).GetString(0));
        Assert.Equal(Spec, FeatureSpec.FromJson(new FeatureBatchUdf(Spec.ToJson()).FeatureSpecJson));
    }

    private static string Fixture(string file) => Path.Combine(TestPaths.DecodeFixtures, file);

    /// <summary>path, modificationTime, length, content (+ label): Spark's binaryFile schema.</summary>
    private static RecordBatch SparkBatch(IReadOnlyList<(string Path, byte[]? Content, string? Label)> rows, bool withLabel)
    {
        var paths = new StringArray.Builder();
        var times = new TimestampArray.Builder(new TimestampType(TimeUnit.Microsecond, "UTC"));
        var lengths = new Int64Array.Builder();
        var contents = new BinaryArray.Builder();
        var labels = new StringArray.Builder();
        foreach (var (path, content, label) in rows)
        {
            paths.Append(path);
            times.Append(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
            lengths.Append(content?.Length ?? 0);
            if (content is null)
            {
                contents.AppendNull();
            }
            else
            {
                contents.Append(content.AsSpan());
            }

            labels.Append(label);
        }

        var columns = new List<IArrowArray> { paths.Build(), times.Build(), lengths.Build(), contents.Build() };
        if (withLabel)
        {
            columns.Add(labels.Build());
        }

        return new RecordBatch(FeatureSchema.BinaryFiles(withLabel), columns, rows.Count);
    }

    private static RecordBatch RoundTrip(RecordBatch batch)
    {
        using var stream = new MemoryStream();
        using (var writer = new ArrowStreamWriter(stream, batch.Schema, leaveOpen: true))
        {
            writer.WriteRecordBatch(batch);
            writer.WriteEnd();
        }

        stream.Position = 0;
        using var reader = new ArrowStreamReader(stream);
        return reader.ReadNextRecordBatch();
    }
}
