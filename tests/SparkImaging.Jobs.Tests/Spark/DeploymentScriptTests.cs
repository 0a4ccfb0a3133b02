using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using SparkImaging.Jobs.Tests.Cluster;
using SparkImaging.Jobs.Tests.Support;

namespace SparkImaging.Jobs.Tests.Spark;

/// <summary>
/// The Spark deployment files agree with each other and with docs/spark.md: the Spark versions the bridge jar
/// accepts, the settings nothing reads, and how conf/spark-defaults.conf reaches spark-submit. The submit scripts
/// run against a stand-in SPARK_HOME whose bin/spark-submit only records its arguments; no Spark is needed.
/// The scripts are bash, for Linux cluster nodes, hence no Windows.
/// </summary>
[UnsupportedOSPlatform("windows")]
public sealed partial class DeploymentScriptTests : IDisposable
{
    private const string BridgeJarSuffix = "_2.12-2.3.1.jar";
    private const string AcceptedSparkVersion = "3.5.3";
    private const string RefusedSparkVersion = "3.5.4";
    private const string IgnorePatchSetting = "spark.dotnet.ignoreSparkPatchVersionCheck";
    // Heads the docs' table of settings that nothing reads.
    private const string UnreadSettingsLead = "Settings nothing reads in this job";
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(60);

    private readonly TempDirectory temp = new();

    public static TheoryData<string> SubmitScripts => new() { "submit-local.sh", "submit-standalone.sh", "submit-yarn.sh", "submit-k8s.sh" };

    private static string Root => SampleImages.RepositoryRoot;

    private static string SparkScripts => Path.Combine(Root, "scripts", "spark");

    private static string CommonScript => Path.Combine(SparkScripts, "common.sh");

    private static string OurSettings => Path.Combine(Root, "conf", "spark-defaults.conf");

    private static string SparkDoc => Path.Combine(Root, "docs", "spark.md");

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Every_deployment_script_passes_bash_syntax_check()
    {
        foreach (var script in DeploymentScripts())
        {
            var result = await ChildProcess.RunAsync("bash", ["-n", script], ScriptTimeout);
            Assert.True(result.Succeeded, result.Describe());
        }
    }

    [Fact]
    public async Task Common_sh_accepts_exactly_the_spark_versions_the_docs_list_per_line()
    {
        var result = await RunBashAsync(
            """
            source "$1"
            for line in "${!SPARKIMAGING_ACCEPTED_SPARK_VERSIONS[@]}"; do
                printf '%s=%s\n' "$line" "${SPARKIMAGING_ACCEPTED_SPARK_VERSIONS[$line]}"
            done
            """,
            CommonScript);
        Assert.True(result.Succeeded, result.Describe());
        var scriptLists = result.StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Split('=', 2))
            .ToDictionary(parts => parts[0], parts => string.Join(", ", parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)));

        var docLists = DocumentedSparkVersions().ToDictionary(pair => pair.Key, pair => string.Join(", ", pair.Value));
        Assert.Equal(docLists.OrderBy(pair => pair.Key), scriptLists.OrderBy(pair => pair.Key));
    }

    [Fact]
    public void Every_default_spark_version_in_the_scripts_and_docs_is_one_the_docs_list_for_its_line()
    {
        var supported = DocumentedSparkVersions();
        var files = DeploymentScripts().Append(SparkDoc);
        var defaults = files
            .SelectMany(file => SparkVersionDefault().Matches(File.ReadAllText(file)).Select(match => (File: Path.GetFileName(file), Version: match.Groups["version"].Value)))
            .ToList();

        Assert.Contains(defaults, found => found.File == "submit-k8s.sh");
        foreach (var (file, version) in defaults)
        {
            var parts = version.Split('.');
            var line = $"{parts[0]}-{parts[1]}";
            Assert.True(
                supported.TryGetValue(line, out var versions) && versions.Contains(version),
                $"{file} names Spark {version}, which docs/spark.md does not list for the {parts[0]}.{parts[1]} line");
        }
    }

    [Fact]
    public void No_deployment_script_uses_a_properties_file()
    {
        foreach (var script in DeploymentScripts())
        {
            Assert.DoesNotContain("--properties-file", CodeLines(script));
        }
    }

    [Fact]
    public void No_script_or_settings_file_sets_a_setting_the_docs_list_as_unread()
    {
        var unread = UnreadSettings();
        Assert.Contains("spark.executorEnv.DOTNET_WORKER_DIR", unread);
        foreach (var file in DeploymentScripts().Append(OurSettings))
        {
            var code = CodeLines(file);
            foreach (var setting in unread)
            {
                Assert.False(code.Contains(setting, StringComparison.Ordinal), $"{Path.GetFileName(file)} sets {setting}, which docs/spark.md lists as read by nothing");
            }
        }
    }

    [Fact]
    public async Task A_settings_file_becomes_one_conf_argument_per_setting()
    {
        var sample = temp.Combine("sample.conf");
        File.WriteAllText(
            sample,
            "# a comment\n"
            + "   # an indented comment\n"
            + "! a bang comment\n"
            + "\n"
            + "   \t\n"
            + "spark.a 1\n"
            + "spark.b\t\t2\n"
            + "  spark.c = three\n"
            + "spark.d=4\n"
            + "spark.e:5\n"
            + "spark.f   -Dx=1 -Dy=two words\n"
            + "spark.g\tvalue # not a comment\n"
            + "spark.h    trailing  \t \n"
            + "spark.i\n"
            + "spark.j a\r\n"
            + "spark.k last line without newline");

        var arguments = await ConfArgumentsOfAsync(sample);

        string[] expected =
        [
            "--conf", "spark.a=1",
            "--conf", "spark.b=2",
            "--conf", "spark.c=three",
            "--conf", "spark.d=4",
            "--conf", "spark.e=5",
            "--conf", "spark.f=-Dx=1 -Dy=two words",
            "--conf", "spark.g=value # not a comment",
            "--conf", "spark.h=trailing",
            "--conf", "spark.i=",
            "--conf", "spark.j=a",
            "--conf", "spark.k=last line without newline",
        ];
        Assert.Equal(expected, arguments);
    }

    [Theory]
    [InlineData("spark.a 1\nhadoop.b 2\n", "sample.conf:2")]
    [InlineData("spark.a C:\\\\temp\n", "sample.conf:1")]
    public async Task A_settings_line_spark_submit_would_read_differently_is_refused_in_one_line(string content, string named)
    {
        var sample = temp.Combine("sample.conf");
        File.WriteAllText(sample, content);

        var result = await RunBashAsync(
            """
            source "$1"
            conf_args=()
            append_conf_file_args conf_args "$2"
            """,
            CommonScript,
            sample);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(named, result.StandardError, StringComparison.Ordinal);
        Assert.Single(result.StandardError.Trim().Split('\n'));
    }

    [Theory]
    [MemberData(nameof(SubmitScripts))]
    public async Task A_submit_script_passes_our_settings_then_its_own_then_the_users(string script)
    {
        var sparkHome = FakeSparkHome(AcceptedSparkVersion);
        const string userSetting = "spark.executor.memory=17g";

        var result = await RunSubmitScriptAsync(script, sparkHome, $"--conf {userSetting}");

        Assert.True(result.Run.Succeeded, result.Run.Describe());
        var arguments = result.Arguments ?? throw new InvalidOperationException($"{script} never called spark-submit\n{result.Run.Describe()}");
        Assert.DoesNotContain("--properties-file", arguments);
        Assert.EndsWith($"microsoft-spark-3-5{BridgeJarSuffix}", arguments.Single(argument => argument.EndsWith(".jar", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal(["--input", "in", "--output", "out"], arguments[^4..]);

        // Every setting of our file, in its order, before the script's options; the user's last of all.
        var ours = await ConfArgumentsOfAsync(OurSettings);
        Assert.Equal(ours, arguments.Take(ours.Count));
        Assert.Equal("org.apache.spark.deploy.dotnet.DotnetRunner", arguments[arguments.IndexOf("--class") + 1]);
        Assert.True(arguments.IndexOf("--class") >= ours.Count, $"{script} put its own options among ours");
        var jar = arguments.FindIndex(argument => argument.EndsWith(".jar", StringComparison.Ordinal));
        Assert.Equal(["--conf", userSetting], arguments[(jar - 2)..jar]);
        Assert.DoesNotContain(arguments, argument => UnreadSettings().Any(setting => argument.StartsWith(setting + "=", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(SubmitScripts))]
    public async Task A_submit_script_refuses_a_spark_the_bridge_jar_refuses_before_calling_spark_submit(string script)
    {
        var sparkHome = FakeSparkHome(RefusedSparkVersion);

        var result = await RunSubmitScriptAsync(script, sparkHome, extra: "");

        Assert.Equal(2, result.Run.ExitCode);
        Assert.Null(result.Arguments);
        var message = Assert.Single(result.Run.StandardError.Trim().Split('\n'));
        Assert.Contains(RefusedSparkVersion, message, StringComparison.Ordinal);
        Assert.Contains(AcceptedSparkVersion, message, StringComparison.Ordinal);
        Assert.Contains(IgnorePatchSetting, message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SubmitScripts))]
    public async Task A_submit_script_lets_an_unlisted_patch_through_when_the_user_opts_in(string script)
    {
        var sparkHome = FakeSparkHome(RefusedSparkVersion);

        var result = await RunSubmitScriptAsync(script, sparkHome, $"--conf {IgnorePatchSetting}=true");

        Assert.True(result.Run.Succeeded, result.Run.Describe());
        Assert.NotNull(result.Arguments);
        Assert.Contains("warning", result.Run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_clusters_own_opt_in_counts_and_the_users_setting_overrides_it()
    {
        var sparkHome = FakeSparkHome(RefusedSparkVersion);
        File.WriteAllText(Path.Combine(sparkHome, "conf", "spark-defaults.conf"), $"{IgnorePatchSetting}   true\n");

        var allowed = await RunSubmitScriptAsync("submit-yarn.sh", sparkHome, extra: "");
        var refused = await RunSubmitScriptAsync("submit-yarn.sh", sparkHome, $"--conf {IgnorePatchSetting}=false");

        Assert.True(allowed.Run.Succeeded, allowed.Run.Describe());
        Assert.Equal(2, refused.Run.ExitCode);
        Assert.Null(refused.Arguments);
    }

    [Fact]
    public async Task A_spark_on_a_line_with_no_bridge_jar_is_refused()
    {
        var sparkHome = FakeSparkHome("4.0.0");

        var result = await RunSubmitScriptAsync("submit-local.sh", sparkHome, $"--conf {IgnorePatchSetting}=true");

        Assert.Equal(2, result.Run.ExitCode);
        Assert.Null(result.Arguments);
        Assert.Contains("4.0.0", Assert.Single(result.Run.StandardError.Trim().Split('\n')), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_kubernetes_script_refuses_an_image_the_bridge_jar_refuses()
    {
        var sparkHome = FakeSparkHome(AcceptedSparkVersion);

        var result = await RunSubmitScriptAsync("submit-k8s.sh", sparkHome, extra: "", ("SPARK_IMAGE", $"apache/spark:{RefusedSparkVersion}"));

        Assert.Equal(2, result.Run.ExitCode);
        Assert.Null(result.Arguments);
        Assert.Contains($"apache/spark:{RefusedSparkVersion}", result.Run.StandardError, StringComparison.Ordinal);
    }

    private static IEnumerable<string> DeploymentScripts() =>
        Directory.EnumerateFiles(SparkScripts, "*.sh").Order(StringComparer.Ordinal).Append(Path.Combine(Root, "scripts", "build-spark.sh"));

    /// <summary>The text of a script or settings file without its comment lines.</summary>
    private static string CodeLines(string file) =>
        string.Join('\n', File.ReadLines(file).Where(line => !line.TrimStart().StartsWith('#')));

    /// <summary>The docs' version table: Spark line ("3-5") → the versions its bridge jar accepts.</summary>
    private static Dictionary<string, string[]> DocumentedSparkVersions()
    {
        var lists = File.ReadLines(SparkDoc)
            .Select(line => VersionTableRow().Match(line))
            .Where(match => match.Success)
            .ToDictionary(
                match => $"{match.Groups["major"].Value}-{match.Groups["minor"].Value}",
                match => match.Groups["versions"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        Assert.True(lists.ContainsKey("3-5"), "docs/spark.md has no version table row for Spark 3.5");
        return lists;
    }

    /// <summary>The settings in the docs' table of settings that nothing reads.</summary>
    private static List<string> UnreadSettings()
    {
        var lines = File.ReadAllLines(SparkDoc);
        var lead = Array.FindIndex(lines, line => line.StartsWith(UnreadSettingsLead, StringComparison.Ordinal));
        Assert.True(lead >= 0, $"docs/spark.md has no paragraph starting '{UnreadSettingsLead}'");
        return lines.Skip(lead + 1)
            .SkipWhile(string.IsNullOrWhiteSpace)
            .TakeWhile(line => line.StartsWith('|'))
            .Select(line => TableSetting().Match(line))
            .Where(match => match.Success)
            .Select(match => match.Groups["setting"].Value)
            .ToList();
    }

    private static async Task<List<string>> ConfArgumentsOfAsync(string file)
    {
        var result = await RunBashAsync(
            """
            source "$1"
            conf_args=()
            append_conf_file_args conf_args "$2"
            printf '%s\0' "${conf_args[@]}"
            """,
            CommonScript,
            file);
        Assert.True(result.Succeeded, result.Describe());
        return NulSeparated(result.StandardOutput);
    }

    /// <summary>A SPARK_HOME that claims <paramref name="version"/> and whose spark-submit writes its arguments to a file.</summary>
    private string FakeSparkHome(string version)
    {
        var home = temp.Combine($"spark-{version}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(home, "bin"));
        Directory.CreateDirectory(Path.Combine(home, "conf"));
        File.WriteAllText(Path.Combine(home, "RELEASE"), $"Spark {version} built for Hadoop 3.3.4\n");
        var submit = Path.Combine(home, "bin", "spark-submit");
        File.WriteAllText(submit, "#!/usr/bin/env bash\nprintf '%s\\0' \"$@\" > \"$SPARK_SUBMIT_ARGUMENTS\"\n");
        File.SetUnixFileMode(submit, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return home;
    }

    /// <summary>Runs a submit script in an empty environment but for what it is given; returns what spark-submit received, if it ran.</summary>
    private async Task<(CommandResult Run, List<string>? Arguments)> RunSubmitScriptAsync(
        string script, string sparkHome, string extra, params (string Name, string Value)[] variables)
    {
        var recorded = Path.Combine(sparkHome, "arguments");
        File.Delete(recorded);
        List<string> environment =
        [
            "-i",
            $"PATH={Environment.GetEnvironmentVariable("PATH")}",
            $"HOME={temp.Path}",
            $"SPARK_HOME={sparkHome}",
            $"SPARK_SUBMIT_ARGUMENTS={recorded}",
            $"SPARK_SUBMIT_EXTRA={extra}",
            .. variables.Select(variable => $"{variable.Name}={variable.Value}"),
            "bash", Path.Combine(SparkScripts, script), "--input", "in", "--output", "out",
        ];
        var run = await ChildProcess.RunAsync("env", environment, ScriptTimeout);
        return (run, File.Exists(recorded) ? NulSeparated(File.ReadAllText(recorded)) : null);
    }

    private static Task<CommandResult> RunBashAsync(string program, params string[] arguments) =>
        ChildProcess.RunAsync("bash", ["-c", program, "bash", .. arguments], ScriptTimeout);

    private static List<string> NulSeparated(string text) =>
        text.Split('\0').SkipLast(1).ToList();

    // "| 3.5 | 3.5.0, 3.5.1, 3.5.2, 3.5.3 | 2.12 | ..." in the docs' version table.
    [GeneratedRegex(@"^\|\s*(?<major>\d+)\.(?<minor>\d+)\s*\|\s*(?<versions>\d+\.\d+\.\d+(?:\s*,\s*\d+\.\d+\.\d+)*)\s*\|")]
    private static partial Regex VersionTableRow();

    // A Spark version given as a default: an image tag (apache/spark:3.5.3) or SPARK_VERSION:-3.5.3.
    [GeneratedRegex(@"(?:\bspark:|(?<![A-Z_])SPARK_VERSION:-)(?<version>\d+\.\d+\.\d+)")]
    private static partial Regex SparkVersionDefault();

    // "| `spark.executorEnv.DOTNET_WORKER_DIR` | why |"
    [GeneratedRegex(@"^\|\s*`(?<setting>[^`]+)`\s*\|")]
    private static partial Regex TableSetting();
}
