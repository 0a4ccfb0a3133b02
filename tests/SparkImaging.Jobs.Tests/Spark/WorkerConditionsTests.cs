using System.Buffers.Binary;
using System.Reflection;
using System.Text.Json;
using Apache.Arrow;
using Apache.Arrow.Types;
using SparkImaging.Jobs.Tests.Cluster;
using SparkImaging.Jobs.Tests.Support;
using SparkImaging.Pipeline.Spark;
using SparkImaging.Udfs.Features;
using Xunit.Abstractions;

namespace SparkImaging.Jobs.Tests.Spark;

/// <summary>
/// The Spark UDF under the conditions of a real executor: Microsoft.Spark.Worker's .NET 8 and Apache.Arrow 14.0.2,
/// the UDF assembly found through DOTNET_ASSEMBLY_SEARCH_PATHS, the UDF object rebuilt without its constructor,
/// several groups in one Arrow stream exactly as Spark sends them. Its rows must equal the command line's bit for bit.
/// </summary>
public sealed class WorkerConditionsTests : IClassFixture<WorkerHostFixture>, IDisposable
{
    private const long MaxPixels = 20_000;
    private const string HostileFolder = "hostile files";
    private static readonly string[] LbpSpecs = ["24:3", "8:1:nri_uniform"];
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    private readonly WorkerHostFixture worker;
    private readonly ITestOutputHelper log;
    private readonly TempDirectory temp = new();

    public WorkerConditionsTests(WorkerHostFixture worker, ITestOutputHelper log)
    {
        this.worker = worker;
        this.log = log;
    }

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Grouped_map_on_the_net8_worker_equals_the_command_line_bit_for_bit()
    {
        var spec = FeatureSpec.Parse(LbpSpecs, "mean", "max", MaxPixels);
        var histogramColumns = spec.Lbp.Select(FeatureColumns.LbpColumn).ToArray();
        var tree = BuildTree();
        var groups = Groups(tree);

        // Expected: the local engine over the same files with the same spec.
        var cliOutput = temp.Combine("cli");
        var cli = ProgramRunner.Run(
            ["featurize", "--input", tree, "--output", cliOutput, "--max-pixels", $"{MaxPixels}", .. LbpSpecs.SelectMany(s => new[] { "--lbp", s })]);
        Assert.True(cli.ExitCode == 0, cli.ToString());
        var expected = histogramColumns.Select(c => DatasetRows.Read(cliOutput, c).ToDictionary(r => r.Path, StringComparer.Ordinal)).ToArray();

        // Actual: the worker stand-in on the stream Spark would send.
        var input = temp.Combine("groups.arrows");
        var output = temp.Combine("features.arrows");
        SparkGroupedInput.Write(input, groups);
        var run = await RunWorker(spec, input, output);
        log.WriteLine(run.Describe());
        Assert.True(run.Succeeded, run.Describe());
        var actual = WorkerOutput.Read(output, histogramColumns);

        AssertFeatureSchema(spec, actual.Schema);
        Assert.Equal(groups.Count, actual.Batches.Count);
        for (var g = 0; g < groups.Count; g++)
        {
            // One output batch per group, its rows in the group's order, each path as the command line writes it.
            Assert.Equal(groups[g].Files, actual.Batches[g].Select(r => r.Path));
        }

        var rows = actual.Batches.SelectMany(b => b).ToList();
        Assert.Equal(expected[0].Keys.Order(StringComparer.Ordinal), rows.Select(r => r.Path).Order(StringComparer.Ordinal));
        foreach (var row in rows)
        {
            for (var c = 0; c < histogramColumns.Length; c++)
            {
                AssertSameBits(expected[c][row.Path], row.PerHistogram[c], histogramColumns[c]);
            }
        }

        // The hostile files did fail, each for its own reason, so error rows were compared too.
        var errors = rows.Where(r => r.PerHistogram[0].Error is not null).ToDictionary(r => Path.GetFileName(r.Path), r => r.PerHistogram[0].Error!);
        Assert.Equal(["bomb.png", "empty.png", "large.png", "text.png", "truncated.png"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.StartsWith("empty file", errors["empty.png"], StringComparison.Ordinal);
        Assert.StartsWith("truncated", errors["truncated.png"], StringComparison.Ordinal);
        Assert.StartsWith("unsupported format", errors["text.png"], StringComparison.Ordinal);
        Assert.StartsWith("too many pixels", errors["bomb.png"], StringComparison.Ordinal);
        Assert.StartsWith("too many pixels", errors["large.png"], StringComparison.Ordinal);

        AssertWorkerConditions(run.StandardOutput);
    }

    [Fact]
    public async Task Archives_on_the_net8_worker_give_the_command_line_rows_bit_for_bit()
    {
        // Issue 16: binaryFile hands the UDF whole archives; it must write one row per member exactly as the local
        // engine does when it streams the same archives from disk (.NET 8 and Arrow 14 against .NET 10 and Arrow 23).
        var spec = FeatureSpec.Parse(LbpSpecs, "mean", "max", MaxPixels);
        var histogramColumns = spec.Lbp.Select(FeatureColumns.LbpColumn).ToArray();
        var tree = temp.Combine("archives", "cats");
        var samples = TestArchives.MembersOf(SampleImages.Samples);
        var png = File.ReadAllBytes(Path.Combine(SampleImages.DecodeFixtures, "png_rgb8.png"));
        TestArchives.WriteTar(Path.Combine(tree, "brick.tar"), samples.Where(m => !m.Name.StartsWith("grass", StringComparison.Ordinal)));
        TestArchives.WriteTar(Path.Combine(tree, "grass at root.tar.gz"), samples.Where(m => m.Name.StartsWith("grass/", StringComparison.Ordinal)).Select(m => m with { Name = m.Name[6..] }), gzip: true);
        TestArchives.WriteZip(Path.Combine(tree, "gravel.zip"), samples.Where(m => m.Name.StartsWith("gravel/", StringComparison.Ordinal)));
        TestArchives.WriteTar(Path.Combine(tree, "hostile.tar"), [new("a.png", png), new("a.png", png), new("../up.png", png), new("link.png", null, System.Formats.Tar.TarEntryType.SymbolicLink, "a.png"), new("inner.zip", png)]);
        var whole = File.ReadAllBytes(Path.Combine(tree, "brick.tar"));
        File.WriteAllBytes(Path.Combine(tree, "cut.tar"), whole[..(whole.Length / 3)]);

        var cliOutput = temp.Combine("cli");
        var cli = ProgramRunner.Run(
            ["featurize", "--input", tree, "--output", cliOutput, "--max-pixels", $"{MaxPixels}", "--max-error-fraction", "1", .. LbpSpecs.SelectMany(s => new[] { "--lbp", s })]);
        Assert.True(cli.ExitCode == 0, cli.ToString());
        var expected = histogramColumns.Select(c => DatasetRows.Read(cliOutput, c)).ToArray();

        var archives = Directory.GetFiles(tree).Order(StringComparer.Ordinal).ToList();
        var input = temp.Combine("archive-groups.arrows");
        var output = temp.Combine("archive-features.arrows");
        SparkGroupedInput.Write(input, [(3, archives.Where((_, i) => i % 2 == 1).ToList()), (1, archives.Where((_, i) => i % 2 == 0).ToList())]);
        var run = await RunWorker(spec, input, output);
        Assert.True(run.Succeeded, run.Describe());
        var rows = WorkerOutput.Read(output, histogramColumns).Batches.SelectMany(b => b).OrderBy(r => r.Path, StringComparer.Ordinal).ThenBy(r => r.PerHistogram[0].Error, StringComparer.Ordinal).ToList();

        Assert.Equal(expected[0].Count, rows.Count);
        Assert.True(rows.Count > SampleImages.SampleCount + 5, $"{rows.Count} rows");
        for (var c = 0; c < histogramColumns.Length; c++)
        {
            var ordered = expected[c].OrderBy(r => r.Path, StringComparer.Ordinal).ThenBy(r => r.Error, StringComparer.Ordinal).ToList();
            for (var i = 0; i < rows.Count; i++)
            {
                AssertSameBits(ordered[i], rows[i].PerHistogram[c], histogramColumns[c]);
            }
        }

        Assert.Contains(rows, r => r.Path.EndsWith("grass at root.tar.gz!/grass_00.png", StringComparison.Ordinal) && r.PerHistogram[0].Label == "cats");
        Assert.Contains(rows, r => r.Path.EndsWith("cut.tar", StringComparison.Ordinal) && r.PerHistogram[0].Error!.StartsWith("truncated", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.PerHistogram[0].Error?.StartsWith("duplicate member", StringComparison.Ordinal) == true);
    }

    /// <summary>The bundled samples and, beside them in a folder whose name has a space, files that must fail or need care.</summary>
    private string BuildTree()
    {
        var tree = temp.Combine("images");
        foreach (var file in Directory.EnumerateFiles(SampleImages.Samples, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)))
        {
            var copy = Path.Combine(tree, Path.GetRelativePath(SampleImages.Samples, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        var hostile = Path.Combine(tree, HostileFolder);
        Directory.CreateDirectory(hostile);
        var fixtures = SampleImages.DecodeFixtures;
        var png = File.ReadAllBytes(Path.Combine(fixtures, "png_rgb8.png"));
        File.WriteAllBytes(Path.Combine(hostile, "empty.png"), []);
        File.WriteAllBytes(Path.Combine(hostile, "truncated.png"), png[..(png.Length - 300)]);
        File.WriteAllText(Path.Combine(hostile, "text.png"), "hello, I am text");
        var bomb = (byte[])png.Clone();
        BinaryPrimitives.WriteUInt32BigEndian(bomb.AsSpan(16), 60_000);
        BinaryPrimitives.WriteUInt32BigEndian(bomb.AsSpan(20), 60_000);
        File.WriteAllBytes(Path.Combine(hostile, "bomb.png"), bomb);
        // A real image just over the spec's pixel limit (200 x 200 > 20,000), unlike the 128 x 128 samples.
        SampleImages.Write(Path.Combine(hostile, "large.png"), seed: 7, size: 200);
        File.Copy(Path.Combine(fixtures, "jpeg_progressive.jpg"), Path.Combine(hostile, "jpeg_named.png"));
        File.Copy(Path.Combine(fixtures, "png_rgb16.png"), Path.Combine(hostile, "rgb16.png"));
        File.Copy(Path.Combine(fixtures, "png_gray8.png"), Path.Combine(hostile, "ünïcode näme.png"));
        Assert.Equal(SampleImages.SampleCount + 8, Directory.GetFiles(tree, "*", SearchOption.AllDirectories).Length);
        return tree;
    }

    /// <summary>
    /// Uneven groups in no particular order, as one task's partition holds them: the hostile files alone, then the
    /// samples dealt round three groups, so each group mixes classes and formats.
    /// </summary>
    private static List<(long Group, IReadOnlyList<string> Files)> Groups(string tree)
    {
        var samples = Directory.GetFiles(tree, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) != HostileFolder)
            .Order(StringComparer.Ordinal)
            .ToList();
        var groups = new List<(long, IReadOnlyList<string>)>
        {
            (7, Directory.GetFiles(Path.Combine(tree, HostileFolder)).Order(StringComparer.Ordinal).ToList()),
        };
        for (var g = 0; g < 3; g++)
        {
            groups.Add((g, samples.Where((_, i) => i % 3 == g).ToList()));
        }

        return groups;
    }

    private async Task<CommandResult> RunWorker(FeatureSpec spec, string input, string output)
    {
        // What UdfSerDe ships for the delegate udf.Apply: its declaring type, the method's name and every field of the
        // target not marked [NonSerialized]. Named on the command line, so the host references none of it.
        var udf = new FeatureBatchUdf(spec.ToJson());
        var fields = typeof(FeatureBatchUdf)
            .GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(f => f.GetCustomAttribute<NonSerializedAttribute>() is null)
            .ToDictionary(f => f.Name, f => (string?)f.GetValue(udf));
        var fieldsPath = temp.Combine("udf-fields.json");
        File.WriteAllText(fieldsPath, JsonSerializer.Serialize(fields));

        string[] arguments =
        [
            "--assembly-file", Path.GetFileName(typeof(FeatureBatchUdf).Assembly.Location),
            "--type", typeof(FeatureBatchUdf).FullName!,
            "--method", nameof(FeatureBatchUdf.Apply),
            "--fields", fieldsPath,
            "--input", input,
            "--output", output,
        ];
        // As spark-submit users set it: a trimmed, comma-separated list with a working-directory-relative entry.
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ASSEMBLY_SEARCH_PATHS"] = $" {temp.Combine("no-such-dir")} , ./{WorkerHostFixture.UdfsFolder} ",
        };
        return await ChildProcess.RunAsync(worker.HostPath, arguments, RunTimeout, environment, worker.WorkingDirectory);
    }

    private static void AssertFeatureSchema(FeatureSpec spec, Schema schema)
    {
        var wrapper = Assert.Single(schema.FieldsList);
        Assert.Equal("Struct", wrapper.Name);
        Assert.False(wrapper.IsNullable);
        var features = Assert.IsType<StructType>(wrapper.DataType);
        Assert.Equal(FeatureSchema.Features(spec).FieldsList.Select(Describe), features.Fields.Select(Describe));

        // Spark reads the returned struct's children by position with the type the driver declared for the UDF.
        var returned = new Schema.Builder();
        foreach (var field in features.Fields)
        {
            returned.Field(field);
        }

        Assert.Equal(SparkFeatureSchema.Json(spec), SparkFeatureSchema.Json(returned.Build()));
    }

    private static string Describe(Field field) => field.DataType switch
    {
        NestedType nested => $"{field.Name}:{field.DataType.TypeId}{(field.IsNullable ? "?" : "")}<{string.Join(',', nested.Fields.Select(Describe))}>",
        _ => $"{field.Name}:{field.DataType.TypeId}{(field.IsNullable ? "?" : "")}",
    };

    private static void AssertSameBits(DatasetRow expected, DatasetRow actual, string column)
    {
        Assert.Equal(expected.Path, actual.Path);
        Assert.Equal(expected.Label, actual.Label);
        Assert.Equal(expected.Width, actual.Width);
        Assert.Equal(expected.Height, actual.Height);
        Assert.Equal(expected.Error, actual.Error);
        Assert.True(
            Bits(expected.Histogram).SequenceEqual(Bits(actual.Histogram)),
            $"{column} of {actual.Path} differs from the command line's: [{string.Join(", ", expected.Histogram ?? [])}] vs [{string.Join(", ", actual.Histogram ?? [])}]");
    }

    private static IEnumerable<int> Bits(float[]? histogram) =>
        histogram is null ? [-1, -1] : [histogram.Length, .. histogram.Select(BitConverter.SingleToInt32Bits)];

    /// <summary>
    /// From the host's load report: .NET 8, the worker's own Arrow 14.0.2 (not the copy published with the UDFs), and
    /// the UDF assembly, SkiaSharp and its native library loaded from the UDF directory.
    /// </summary>
    private void AssertWorkerConditions(string report)
    {
        var lines = report.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith("runtime 8.0.", StringComparison.Ordinal));
        string Loaded(string prefix) =>
            lines.SingleOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal)) ?? throw new Xunit.Sdk.XunitException($"no '{prefix}' in:\n{report}");
        var udfs = Path.GetFullPath(worker.UdfsDirectory) + Path.DirectorySeparatorChar;
        var host = Path.GetFullPath(worker.HostDirectory) + Path.DirectorySeparatorChar;
        Assert.Equal($"assembly Apache.Arrow 14.0.2.0 14.0.2 {host}Apache.Arrow.dll", Loaded("assembly Apache.Arrow "));
        Assert.EndsWith($" {udfs}SparkImaging.Udfs.dll", Loaded("assembly SparkImaging.Udfs "), StringComparison.Ordinal);
        Assert.EndsWith($" {udfs}SkiaSharp.dll", Loaded("assembly SkiaSharp "), StringComparison.Ordinal);
        Assert.Equal($"native {udfs}libSkiaSharp.so", Assert.Single(lines, l => l.EndsWith("/libSkiaSharp.so", StringComparison.Ordinal)));
    }
}
