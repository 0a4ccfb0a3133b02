using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Apache.Arrow.Types;
using SparkImaging.Jobs.Tests.Support;
using SparkImaging.Pipeline;
using SparkImaging.Pipeline.Inputs;
using SparkImaging.Pipeline.Spark;
using SparkImaging.Udfs.Features;

namespace SparkImaging.Jobs.Tests.Spark;

/// <summary>
/// What the Spark driver decides, tested without Microsoft.Spark: its Spark SQL translations of the CLI's rules agree
/// with the C# rules, its return type agrees with the UDF's Arrow schema, and its options are run's.
/// </summary>
public sealed class SparkDriverRulesTests
{
    /// <summary>Paths as binaryFile reports them (Hadoop Path.toString: decoded) and as users write them.</summary>
    public static readonly TheoryData<string> Paths = new()
    {
        "file:/data/slides/tumor/a.png", "file:///data/slides/tumor/a.png", "file://localhost/data/a b/x.PNG",
        "FILE:/data/x.png", "file://otherhost/data/x.png", "file:relative/x.png", "file:/x.png", "file:/", "file://",
        "file:///", "file:////a/b.png", "file:/a//b.png", "/data/slides/normal/b.jpg", "/x.png", "relative/c.png",
        "hdfs://namenode:8020/images/tumor/c.tif", "s3a://bucket/images/d.webp", "file:/data/100% sure/ä ö/x.png",
        "file:/data/file:/x.png", "/data/file:/x.png",
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public void Normalized_path_sql_removes_exactly_what_InputPath_Normalize_removes(string path)
    {
        var spark = Regex.Replace(path, SparkSql.FileSchemePattern, string.Empty);

        Assert.Equal(InputPath.Normalize(path), spark);
        Assert.Equal($"regexp_replace(path, '{SparkSql.FileSchemePattern}', '')", SparkSql.NormalizedPath("path"));
    }

    [Fact]
    public void Normalized_path_sql_agrees_with_InputPath_Normalize_on_random_paths()
    {
        var random = new Random(13);
        string[] parts = ["file:", "FILE:", "/", "//", "///", "localhost", "host", "a", "b c", ".", "x.png", ":", "%20", "file"];
        for (var n = 0; n < 20_000; n++)
        {
            var path = new StringBuilder();
            for (var k = random.Next(1, 7); k > 0; k--)
            {
                path.Append(parts[random.Next(parts.Length)]);
            }

            var text = path.ToString();
            Assert.True(InputPath.Normalize(text) == Regex.Replace(text, SparkSql.FileSchemePattern, string.Empty), $"'{text}'");
        }
    }

    [Theory]
    [InlineData("/data/slides/tumor/a.png")]
    [InlineData("/x.png")]
    [InlineData("/a/b c/d.png")]
    [InlineData("/data/ä/x.png")]
    [InlineData("hdfs://namenode:8020/images/tumor/c.tif")]
    [InlineData("hdfs://namenode:8020/c.tif")]
    [InlineData("s3a://bucket/images/normal/d.webp")]
    public void Parent_directory_label_sql_gives_the_CLI_label(string normalizedPath)
    {
        var match = Regex.Match(normalizedPath, SparkSql.ParentDirectoryPattern);
        var spark = match.Success && match.Groups[1].Value.Length > 0 ? match.Groups[1].Value : null;

        Assert.Equal(LabelResolver.ParentDirectory.LabelOf(normalizedPath), spark);
        Assert.Equal($"nullif(regexp_extract(path, '{SparkSql.ParentDirectoryPattern}', 1), '')", SparkSql.ParentDirectoryLabel("path"));
    }

    [Fact]
    public void Path_glob_filter_takes_exactly_the_images_and_archives_the_CLI_takes_in_any_letter_case()
    {
        var glob = HadoopGlob(SparkSql.PathGlobFilter(allFiles: false));
        var random = new Random(5);
        string[] stems = ["a", "scan.001", "x.png.bak", ".hidden", "tile"];
        string[] extensions = [.. InputNames.ImageExtensions, .. InputNames.ArchiveSuffixes, ".txt", ".json", ".png~", ".pn", ".jpegx", ".gz", ".tar.gz.part", ".ztar", ".zipx", string.Empty];
        foreach (var stem in stems)
        {
            foreach (var extension in extensions)
            {
                var mixed = new string([.. extension.Select(c => random.Next(2) == 0 ? char.ToUpperInvariant(c) : c)]);
                foreach (var name in new[] { stem + extension, stem + extension.ToUpperInvariant(), stem + mixed })
                {
                    var cli = InputNames.IsTaken(name);
                    Assert.True(cli == glob.IsMatch(name), $"'{name}': CLI {cli}, Spark glob {!cli}");
                }
            }
        }

        Assert.Equal("*", SparkSql.PathGlobFilter(allFiles: true));
    }

    [Fact]
    public void Archive_name_regex_agrees_with_the_archive_rule_in_any_letter_case()
    {
        var random = new Random(16);
        string[] endings = [.. InputNames.ArchiveSuffixes, ".gz", ".tar.", "tar", ".tarxgz", ".t.gz", ".zip/x.png", ".png", ".tar.gz.bak", string.Empty];
        foreach (var stem in new[] { "/data/shard-000001", "file:/a b/c", "hdfs://nn/x.tar.d/y" })
        {
            foreach (var ending in endings)
            {
                var mixed = new string([.. ending.Select(c => random.Next(2) == 0 ? char.ToUpperInvariant(c) : c)]);
                foreach (var path in new[] { stem + ending, stem + mixed })
                {
                    Assert.True(InputNames.IsArchive(path) == Regex.IsMatch(path, SparkSql.ArchiveNamePattern), $"'{path}'");
                }
            }
        }

        Assert.DoesNotContain('\\', SparkSql.IsArchiveName("path"));
    }

    [Fact]
    public void Return_type_json_is_the_udf_schema_in_sparks_own_json_form()
    {
        var spec = FeatureSpec.Parse(["24:3:uniform", "8:1.5:default"], "mean", "max", FeatureSpec.DefaultMaxPixels);

        var json = SparkFeatureSchema.Json(spec);

        // As Microsoft.Spark's StructType.Json writes it: compact, keys in order, empty metadata.
        const string Array = """{"containsNull":true,"elementType":"float","type":"array"}""";
        Assert.Equal(
            """{"fields":[{"metadata":{},"name":"path","nullable":false,"type":"string"},{"metadata":{},"name":"label","nullable":true,"type":"string"},"""
            + """{"metadata":{},"name":"width","nullable":true,"type":"integer"},{"metadata":{},"name":"height","nullable":true,"type":"integer"},"""
            + """{"metadata":{},"name":"error","nullable":true,"type":"string"},"""
            + $$"""{"metadata":{},"name":"lbp_p24_r3_uniform","nullable":true,"type":{{Array}}},{"metadata":{},"name":"lbp_p8_r1_5_default","nullable":true,"type":{{Array}}}],"type":"struct"}""",
            json);
    }

    [Theory]
    [InlineData("24:3:uniform")]
    [InlineData("8:1:default", "16:2:ror", "24:3:nri_uniform", "4:1.5:uniform")]
    public void Return_type_maps_back_to_the_udf_arrow_schema_field_by_field(params string[] lbp)
    {
        var spec = FeatureSpec.Parse(lbp, "mean", "max", FeatureSpec.DefaultMaxPixels);
        var arrow = FeatureSchema.Features(spec);

        using var json = JsonDocument.Parse(SparkFeatureSchema.Json(spec));
        var fields = json.RootElement.GetProperty("fields").EnumerateArray().ToList();

        // Spark reads the UDF's columns by position with the declared types (ArrowUtils.toArrowSchema's mapping).
        Assert.Equal(arrow.FieldsList.Count, fields.Count);
        for (var i = 0; i < fields.Count; i++)
        {
            var field = arrow.FieldsList[i];
            Assert.Equal(field.Name, fields[i].GetProperty("name").GetString());
            Assert.Equal(field.IsNullable, fields[i].GetProperty("nullable").GetBoolean());
            Assert.Equal(ArrowTypeName(field.DataType), SparkTypeAsArrow(fields[i].GetProperty("type")));
        }
    }

    [Fact]
    public void Options_have_runs_names_and_defaults_and_cluster_output_uris()
    {
        var request = Parse("--input", "hdfs:///images", "--output", "s3a://bucket/runs/r1/");

        Assert.Equal(ExitCodes.Success, request.Exit);
        var r = request.Request!;
        Assert.Equal(["hdfs:///images"], r.Inputs);
        Assert.Equal(FeatureSpec.Parse([], "mean", "max", FeatureSpec.DefaultMaxPixels).ToJson(), r.Spec.ToJson());
        Assert.Equal(42, r.Training.Seed);
        Assert.Equal(0.2, r.Training.TestFraction);
        Assert.Equal(Pipeline.Engine.ErrorBudget.DefaultMaxErrorFraction, r.MaxErrorFraction);
        Assert.Equal(SparkGroups.DefaultGroupSize, r.GroupSize);
        Assert.True(r.Train);
        Assert.Equal("s3a://bucket/runs/r1/features", r.FeaturesUri);
        Assert.Equal("s3a://bucket/runs/r1/model", r.ModelUri);
        Assert.Equal(r.FeaturesUri, r.Training.FeaturesDirectory);
        Assert.Equal(SparkSql.PathGlobFilter(false), r.PathGlobFilter);

        Assert.False(r.AllowUnlabeled);
        Assert.Equal(Udfs.Imaging.PngRoute.Managed, r.PngRoute);

        var local = Parse("-i", "a", "-i", "b", "-o", "/tmp/out", "--lbp", "8:1", "--max-pixels", "1000", "--all-files", "--no-train", "--partitions", "7", "--seed", "3", "--folds", "4", "--allow-unlabeled", "--png-decoder", "runtime").Request!;
        Assert.True(local.AllowUnlabeled);
        Assert.Equal(Udfs.Imaging.PngRoute.Runtime, local.PngRoute);
        Assert.Equal(["a", "b"], local.Inputs);
        Assert.Equal("/tmp/out/features", local.FeaturesUri);
        Assert.Equal(1000, local.Spec.MaxPixels);
        Assert.Equal("lbp_p8_r1_uniform", local.Spec.Lbp.Single().ColumnName);
        Assert.Equal("*", local.PathGlobFilter);
        Assert.False(local.Train);
        Assert.Equal(7, local.Partitions);
        Assert.Equal(3, local.Training.Seed);
        Assert.Equal(4, local.Training.Folds);
    }

    [Theory]
    [InlineData("error: Option '--output' is required.", "--input", "x")]
    [InlineData("--workers", "--input", "x", "--output", "o", "--workers", "2")]
    [InlineData("--resume", "--input", "x", "--output", "o", "--resume")]
    [InlineData("--partitions must be at least 1", "--input", "x", "--output", "o", "--partitions", "0")]
    [InlineData("--group-size must be at least 1", "--input", "x", "--output", "o", "--group-size", "0")]
    [InlineData("--max-error-fraction must be between 0 and 1", "--input", "x", "--output", "o", "--max-error-fraction", "1.5")]
    [InlineData("--test-fraction", "--input", "x", "--output", "o", "--test-fraction", "1")]
    [InlineData("9:0", "--input", "x", "--output", "o", "--lbp", "9:0")]
    [InlineData("--append", "--input", "x", "--output", "o", "--append")]
    [InlineData("expected managed or runtime", "--input", "x", "--output", "o", "--png-decoder", "fast")]
    public void Bad_arguments_exit_2_with_one_line_naming_the_problem(string named, params string[] args)
    {
        var result = Parse(args);

        Assert.Equal(ExitCodes.BadUsage, result.Exit);
        Assert.Null(result.Request);
        Assert.Contains(named, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failure_inside_the_job_becomes_its_kinds_exit_code_and_one_line()
    {
        var error = new StringWriter();
        var exit = await SparkRunCommandLine.InvokeAsync(
            ["--input", "x", "--output", "o"],
            (_, _) => throw new PipelineException(PipelineErrorKind.NoInput, "No input found in 'x'."),
            error);

        Assert.Equal(ExitCodes.BadUsage, exit);
        Assert.Equal("error: No input found in 'x'.", error.ToString().Trim());
    }

    [Theory]
    [InlineData(0, 32, null, 1)]
    [InlineData(1, 32, null, 1)]
    [InlineData(32, 32, null, 1)]
    [InlineData(33, 32, null, 2)]
    [InlineData(1_000_000, 32, null, 31_250)]
    [InlineData(1_000_000, 32, 12, 12)]
    [InlineData(5_000_000_000_000, 1, null, int.MaxValue)]
    public void Group_count_is_ceil_of_inputs_over_group_size_or_the_partitions_given(long inputs, int groupSize, int? partitions, int expected) =>
        Assert.Equal(expected, SparkGroups.Count(inputs, groupSize, partitions));

    [Theory]
    [InlineData(0, 0, 1.0, null)]
    [InlineData(0, 10, 0.0, null)]
    [InlineData(9, 10, 1.0, null)]
    [InlineData(10, 10, 1.0, "every input failed (10 of 10)")]
    [InlineData(3, 10, 0.25, "3 of 10 inputs failed, more than --max-error-fraction 0.25")]
    [InlineData(2, 10, 0.2, null)]
    public void The_error_budget_is_the_contracts_rule_for_both_hosts(long failed, long rows, double fraction, string? problem)
    {
        Assert.Equal(problem, Pipeline.Engine.ErrorBudget.Problem(failed, rows, fraction));
        Assert.Equal(problem is not null, Pipeline.Engine.ErrorBudget.IsExceeded(failed, rows, fraction));
        Assert.Equal(problem is not null, new Pipeline.Engine.FeaturizeSummary { Output = "o", Processed = rows, ErrorsByKind = new Dictionary<string, long> { ["corrupt"] = failed } }.TooManyFailed(fraction));
    }

    [Fact]
    public void Labels_csv_read_through_spark_resolves_relative_paths_against_its_own_uri_and_file_uris_as_the_cli_writes_them()
    {
        string[] lines =
        [
            "path,label,patient",
            "tumor/a.png,tumor,p1",
            "file:///data/x/b.png,normal,p2",
            "/data/x/../x/c.png,normal,p3",
            "hdfs://nn/other/d.png,tumor,p4",
            "tumor/a.png,tumor,p1",
        ];

        var labels = LabelResolver.Parse(lines, "hdfs://nn/data/labels.csv", StorageUri.Parent("hdfs://nn/data/labels.csv"));

        Assert.Equal(["patient"], labels.ExtraColumns);
        Assert.Equal(
            ["hdfs://nn/data/tumor/a.png", "/data/x/b.png", "/data/x/c.png", "hdfs://nn/other/d.png"],
            labels.Entries.Select(e => e.Key));
        Assert.Equal("normal", labels.LabelOf("/data/x/b.png"));
        Assert.Equal("p4", labels.ExtraValueOf("hdfs://nn/other/d.png", 0));
    }

    [Fact]
    public void Labels_csv_listing_a_path_twice_with_different_labels_is_refused_naming_it()
    {
        string[] lines = ["path,label", "/d/a.png,tumor", "/d/b.png,normal", "/d/a.png,normal"];

        var error = Assert.Throws<PipelineException>(() => LabelResolver.Parse(lines, "labels.csv", "/d"));

        Assert.Equal(PipelineErrorKind.InvalidRequest, error.Kind);
        Assert.Contains("1 path(s) twice with different values", error.Message, StringComparison.Ordinal);
        Assert.Contains("'/d/a.png'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Storage_uris_name_children_and_parents_as_hadoop_does()
    {
        Assert.Null(StorageUri.Scheme("/data/x"));
        Assert.Null(StorageUri.Scheme("C:/data/x"));
        Assert.Equal("s3a", StorageUri.Scheme("S3A://b/x"));
        Assert.Equal("hdfs://nn/runs/r1/features", StorageUri.Child("hdfs://nn/runs/r1/", "features"));
        Assert.Equal(Path.Combine("runs", "r1", "model"), StorageUri.Child(Path.Combine("runs", "r1"), "model"));
        Assert.Equal("s3a://b/labels", StorageUri.Parent("s3a://b/labels/l.csv"));
        Assert.Equal("/data", StorageUri.Parent("/data/l.csv"));
    }

    private static (int Exit, SparkRunRequest? Request, string Error) Parse(params string[] args)
    {
        SparkRunRequest? captured = null;
        var error = new StringWriter();

        // Synchronous on purpose: the command line completes without awaiting anything when run returns a finished task.
        var invocation = SparkRunCommandLine.InvokeAsync(
            args,
            (request, _) =>
            {
                captured = request;
                return Task.FromResult(ExitCodes.Success);
            },
            error);
        Assert.True(invocation.IsCompleted);
        return (invocation.Result, captured, error.ToString());
    }

    /// <summary>Hadoop's GlobPattern for one file name: * ? [..] {a,b}, everything else literal.</summary>
    private static Regex HadoopGlob(string glob)
    {
        var regex = new StringBuilder("^");
        var inClass = false;
        var braces = 0;
        foreach (var c in glob)
        {
            if (inClass)
            {
                regex.Append(c);
                inClass = c != ']';
                continue;
            }

            regex.Append(c switch
            {
                '*' => ".*",
                '?' => ".",
                '[' => "[",
                '{' => "(?:",
                '}' => ")",
                ',' when braces > 0 => "|",
                _ => Regex.Escape(c.ToString()),
            });
            inClass = c == '[';
            braces += c == '{' ? 1 : c == '}' ? -1 : 0;
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
    }

    private static string ArrowTypeName(IArrowType type) =>
        type is ListType list ? $"list<{ArrowTypeName(list.ValueDataType)}, nullable {list.ValueField.IsNullable}>" : type.Name;

    /// <summary>Spark's type JSON as the Arrow type Spark's ArrowUtils makes of it.</summary>
    private static string SparkTypeAsArrow(JsonElement type) =>
        type.ValueKind == JsonValueKind.Object
            ? $"list<{SparkTypeAsArrow(type.GetProperty("elementType"))}, nullable {type.GetProperty("containsNull").GetBoolean()}>"
            : type.GetString() switch
            {
                "string" => StringType.Default.Name,
                "integer" => Int32Type.Default.Name,
                "long" => Int64Type.Default.Name,
                "float" => FloatType.Default.Name,
                "double" => DoubleType.Default.Name,
                "binary" => BinaryType.Default.Name,
                "boolean" => BooleanType.Default.Name,
                var other => throw new Xunit.Sdk.XunitException($"unexpected Spark type {other}"),
            };
}
