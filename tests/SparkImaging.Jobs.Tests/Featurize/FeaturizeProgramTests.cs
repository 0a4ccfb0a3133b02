using System.Buffers.Binary;
using ParquetSharp;
using SparkImaging.Jobs.Tests.Support;
using SparkImaging.Udfs.Features;

namespace SparkImaging.Jobs.Tests.Featurize;

/// <summary>The real program over a messy folder tree: one row per input, named errors, contract exit codes and types.</summary>
public sealed class FeaturizeProgramTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Mixed_and_hostile_tree_gives_one_row_per_file_with_named_errors()
    {
        var tree = BuildHostileTree();
        var output = temp.Combine("out");

        var result = ProgramRunner.Run("featurize", "--input", tree, "--output", output, "--workers", "3", "--max-pixels", "1000000");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(Path.Combine(output, "_SUCCESS")));
        var rows = DatasetRows.Read(output).ToDictionary(r => Path.GetRelativePath(tree, r.Path));
        Assert.Equal(
            new[] { "a/ok.jpg", "a/ok.png", "b/bomb.png", "b/empty.png", "b/jpeg_named.png", "b/random.jpg", "b/rgb16.png", "b/text.png", "b/truncated.png", "broken.png", "c d/ünïcode näme.png" }.Order(StringComparer.Ordinal),
            rows.Keys.Order(StringComparer.Ordinal));
        Assert.Null(rows["a/ok.png"].Error);
        Assert.Equal("a", rows["a/ok.png"].Label);
        Assert.Equal(26, rows["a/ok.png"].Histogram!.Length);
        Assert.Equal(1.0, rows["a/ok.png"].Histogram!.Sum(v => (double)v), 5);
        Assert.Null(rows["b/jpeg_named.png"].Error);
        Assert.Null(rows["b/rgb16.png"].Error);
        Assert.Null(rows["c d/ünïcode näme.png"].Error);
        Assert.StartsWith("too many pixels", rows["b/bomb.png"].Error, StringComparison.Ordinal);
        Assert.StartsWith("empty file", rows["b/empty.png"].Error, StringComparison.Ordinal);
        Assert.StartsWith("unsupported format", rows["b/text.png"].Error, StringComparison.Ordinal);
        Assert.StartsWith("unsupported format", rows["b/random.jpg"].Error, StringComparison.Ordinal);
        Assert.StartsWith("truncated", rows["b/truncated.png"].Error, StringComparison.Ordinal);
        Assert.StartsWith("unreadable", rows["broken.png"].Error, StringComparison.Ordinal);
        Assert.All(rows.Values.Where(r => r.Error is not null), r => Assert.Null(r.Histogram));
        Assert.Contains("failed: 6", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Dataset_histograms_equal_the_per_image_function()
    {
        var output = temp.Combine("out");
        var result = ProgramRunner.Run("featurize", "--input", SampleImages.Samples, "--output", output, "--lbp", "8:1", "--lbp", "16:2:nri_uniform");
        Assert.True(result.ExitCode == 0, result.ToString());

        var featurizer = new ImageFeaturizer(FeatureSpec.Parse(["8:1", "16:2:nri_uniform"], "mean", "max", FeatureSpec.DefaultMaxPixels));
        var rows = DatasetRows.Read(output, "lbp_p16_r2_nri_uniform");
        Assert.Equal(48, rows.Count);
        foreach (var row in rows)
        {
            var expected = featurizer.Featurize(File.ReadAllBytes(row.Path));
            Assert.Equal(expected.Histograms![1], row.Histogram);
            Assert.Equal(Path.GetFileName(Path.GetDirectoryName(row.Path)), row.Label);
        }
    }

    [Fact]
    public void Arrow_cpp_reader_sees_the_contract_types_and_metadata()
    {
        var output = temp.Combine("out");
        Assert.Equal(0, ProgramRunner.Run("featurize", "--input", SampleImages.Samples, "--output", output, "--lbp", "16:1.5").ExitCode);

        foreach (var part in Directory.GetFiles(output, "part-*.parquet"))
        {
            Assert.Matches(@"^part-\d{5}-.+\.parquet$", Path.GetFileName(part));
            using var file = new ParquetFileReader(part);
            var schema = file.FileMetaData.Schema;
            Assert.Equal(Repetition.Required, schema.Column(0).SchemaNode.Repetition);
            Assert.Equal("path", schema.Column(0).Name);
            Assert.Equal(PhysicalType.ByteArray, schema.Column(0).PhysicalType);
            Assert.Equal(LogicalTypeEnum.String, schema.Column(0).LogicalType.Type);
            Assert.Equal(Repetition.Optional, schema.Column(1).SchemaNode.Repetition);
            Assert.Equal(PhysicalType.Int32, schema.Column(2).PhysicalType);
            Assert.Equal(PhysicalType.Int32, schema.Column(3).PhysicalType);
            Assert.Equal(PhysicalType.Float, schema.Column(5).PhysicalType);
            Assert.Equal("lbp_p16_r1_5_uniform", schema.Column(5).Path.ToDotVector()[0]);
            Assert.Equal(1, schema.Column(5).MaxRepetitionLevel);
            Assert.Equal(Compression.Snappy, file.RowGroup(0).MetaData.GetColumnChunkMetaData(0).Compression);
            var metadata = file.FileMetaData.KeyValueMetadata;
            Assert.Equal("16:1.5:uniform", metadata["sparkimaging.lbp"]);
            Assert.Equal("mean", metadata["sparkimaging.gray"]);
            Assert.Equal("max", metadata["sparkimaging.normalize"]);
            Assert.False(string.IsNullOrEmpty(metadata["sparkimaging.version"]));
            using var rowGroup = file.RowGroup(0);
            using var histograms = rowGroup.Column(5).LogicalReader<float?[]>();
            var lists = histograms.ReadAll(checked((int)rowGroup.MetaData.NumRows));
            Assert.All(lists, list => Assert.Equal(1.0, list.Sum(v => (double)v!.Value), 5));
            Assert.All(lists, list => Assert.Equal(18, list.Length));
        }
    }

    [Fact]
    public void All_inputs_failing_exits_3_and_still_commits_the_rows()
    {
        var input = temp.Combine("bad");
        Directory.CreateDirectory(input);
        File.WriteAllText(Path.Combine(input, "one.png"), "not an image");
        File.WriteAllBytes(Path.Combine(input, "two.jpg"), []);
        var output = temp.Combine("out");

        var result = ProgramRunner.Run("featurize", "--input", input, "--output", output);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Equal(2, DatasetRows.Read(output).Count);
    }

    [Fact]
    public void Error_fraction_over_the_limit_exits_3()
    {
        var input = temp.Combine("half");
        SampleImages.Write(Path.Combine(input, "good.png"), 1);
        File.WriteAllText(Path.Combine(input, "bad.png"), "not an image");

        var result = ProgramRunner.Run("featurize", "--input", input, "--output", temp.Combine("out"), "--max-error-fraction", "0.25");

        Assert.True(result.ExitCode == 3, result.ToString());
    }

    [Theory]
    [InlineData("--lbp", "24:0")]
    [InlineData("--lbp", "banana")]
    [InlineData("--lbp", "24:3:var")]
    [InlineData("--lbp", "20:1:default")]
    [InlineData("--gray", "purple")]
    [InlineData("--shard", "4/4")]
    [InlineData("--workers", "0")]
    public void Bad_usage_exits_2_naming_the_value(string option, string value)
    {
        var result = ProgramRunner.Run("featurize", "--input", SampleImages.Samples, "--output", temp.Combine("out"), option, value);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(value.Split(':')[0], result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("out")) && Directory.GetFiles(temp.Combine("out"), "*.parquet").Length > 0);
    }

    [Fact]
    public void No_input_found_exits_2()
    {
        var empty = temp.Combine("empty");
        Directory.CreateDirectory(empty);

        var missing = ProgramRunner.Run("featurize", "--input", temp.Combine("nope"), "--output", temp.Combine("o1"));
        var nothing = ProgramRunner.Run("featurize", "--input", empty, "--output", temp.Combine("o2"));

        Assert.True(missing.ExitCode == 2 && missing.Stderr.Contains("does not exist", StringComparison.Ordinal), missing.ToString());
        Assert.True(nothing.ExitCode == 2 && nothing.Stderr.Contains("No input found", StringComparison.Ordinal), nothing.ToString());
    }

    [Fact]
    public void Glob_inputs_and_labels_csv_are_honoured()
    {
        var labels = temp.Combine("labels.csv");
        var brick = Path.Combine(SampleImages.Samples, "brick");
        File.WriteAllLines(labels, ["path,label", $"\"{Path.Combine(brick, "brick_00.png")}\",wall", $"{Path.Combine(brick, "brick_01.png")},wall"]);
        var output = temp.Combine("out");

        var result = ProgramRunner.Run("featurize", "--input", Path.Combine(SampleImages.Samples, "*", "*_0[01].png"), "--labels", labels, "--output", output, "--allow-unlabeled");

        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = DatasetRows.Read(output);
        Assert.Equal(6, rows.Count);
        Assert.Equal(2, rows.Count(r => r.Label == "wall"));
        Assert.Equal(4, rows.Count(r => r.Label is null));
    }

    private string BuildHostileTree()
    {
        var root = temp.Combine("tree");
        var fixtures = SampleImages.DecodeFixtures;
        Directory.CreateDirectory(Path.Combine(root, "a"));
        Directory.CreateDirectory(Path.Combine(root, "b"));
        Directory.CreateDirectory(Path.Combine(root, "c d"));
        File.Copy(Path.Combine(fixtures, "png_rgb8.png"), Path.Combine(root, "a", "ok.png"));
        File.Copy(Path.Combine(fixtures, "jpeg_baseline.jpg"), Path.Combine(root, "a", "ok.jpg"));
        File.WriteAllText(Path.Combine(root, "a", "README.txt"), "not an input: wrong extension");
        File.Copy(Path.Combine(fixtures, "png_rgb16.png"), Path.Combine(root, "b", "rgb16.png"));
        File.Copy(Path.Combine(fixtures, "jpeg_progressive.jpg"), Path.Combine(root, "b", "jpeg_named.png"));
        var png = File.ReadAllBytes(Path.Combine(fixtures, "png_rgb8.png"));
        File.WriteAllBytes(Path.Combine(root, "b", "truncated.png"), png[..(png.Length - 300)]);
        var bomb = (byte[])png.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(bomb.AsSpan(16), 60_000);
        BinaryPrimitives.WriteUInt32BigEndian(bomb.AsSpan(20), 60_000);
        File.WriteAllBytes(Path.Combine(root, "b", "bomb.png"), bomb);
        File.WriteAllBytes(Path.Combine(root, "b", "empty.png"), []);
        File.WriteAllText(Path.Combine(root, "b", "text.png"), "hello, I am text");
        var noise = new byte[5000];
        new Random(5).NextBytes(noise);
        File.WriteAllBytes(Path.Combine(root, "b", "random.jpg"), noise);
        File.Copy(Path.Combine(fixtures, "png_gray8.png"), Path.Combine(root, "c d", "ünïcode näme.png"));
        File.CreateSymbolicLink(Path.Combine(root, "broken.png"), Path.Combine(root, "does-not-exist.png"));
        Directory.CreateSymbolicLink(Path.Combine(root, "c d", "loop"), root);
        return root;
    }
}
