using System.Diagnostics;
using System.Text.RegularExpressions;
using SparkImaging.Jobs.Tests.Support;
using Xunit.Abstractions;

namespace SparkImaging.Jobs.Tests.Cluster;

/// <summary>
/// End to end on a real (one-node) Slurm cluster: the published binary, sharded by a job array through
/// scripts/slurm/submit.sh, must produce the same dataset as one local process, and the dependent train
/// job must run after it. Needs root and apt-get (CI has both); it fails, never skips, without them.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class SlurmClusterTests(ITestOutputHelper output)
{
    private const int Shards = 4;
    // The composite ReadyToRun publish compiles the framework with the app: 1.5-2.5 minutes on two busy cores.
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(8);
    private static readonly TimeSpan JobsTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan LocalRunTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Featurize_array_and_dependent_train_on_local_slurm_match_a_single_process_run()
    {
        Assert.True(Environment.UserName == "root", $"the Slurm cluster test must run as root (slurmd, munged, apt-get); running as '{Environment.UserName}'");
        var scratch = Directory.CreateTempSubdirectory("sparkimaging-slurm-test-").FullName;
        var clock = Stopwatch.StartNew();
        try
        {
            var binary = await PublishAsync(scratch);
            output.WriteLine($"{clock.Elapsed:mm\\:ss} published {binary}");
            var images = SampleImages.Samples;
            var clusterRun = Path.Combine(scratch, "cluster-run");
            var localRun = Path.Combine(scratch, "local-run");

            await using (var cluster = await LocalSlurmCluster.StartAsync(Path.Combine(scratch, "slurm")))
            {
                output.WriteLine($"{clock.Elapsed:mm\\:ss} cluster up");
                await RunOnClusterAsync(cluster, binary, images, clusterRun);
                output.WriteLine($"{clock.Elapsed:mm\\:ss} featurize array and train job completed");
            }

            output.WriteLine($"{clock.Elapsed:mm\\:ss} cluster stopped");

            var local = await ChildProcess.RunAsync(
                binary, ["featurize", "--input", images, "--output", localRun, "--workers", "1"], LocalRunTimeout);
            Assert.True(local.Succeeded, local.Describe());
            output.WriteLine($"{clock.Elapsed:mm\\:ss} single-process featurize done");

            var features = Path.Combine(clusterRun, "features");
            Assert.True(File.Exists(Path.Combine(features, "_SUCCESS")), "_SUCCESS missing from the sharded dataset");
            Assert.True(File.Exists(Path.Combine(clusterRun, "model", "model.zip")), "model.zip missing from the train job's model dir");
            Assert.True(File.Exists(Path.Combine(clusterRun, "model", "metrics.json")), "metrics.json missing from the train job's model dir");
            AssertSameRows(features, localRun, SampleImages.SampleCount);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static async Task RunOnClusterAsync(LocalSlurmCluster cluster, string binary, string images, string output)
    {
        // One CPU a task: 4 tasks share the 2-CPU node, so the array really queues and runs in waves.
        var submitted = await ChildProcess.RunAsync(
            "bash",
            [ClusterTestPaths.SubmitScript, "--bin", binary, "--input", images, "--output", output,
             "--shards", Shards.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "--partition", "debug", "--cpus", "1", "--mem", "1G", "--time", "00:10:00"],
            TimeSpan.FromSeconds(60),
            cluster.ClientEnvironment);
        Assert.True(submitted.Succeeded, submitted.Describe());
        var featurizeJob = JobId("FEATURIZE_JOB_ID", submitted);
        var trainJob = JobId("TRAIN_JOB_ID", submitted);

        // The train job ends last: it waits for the array, and is cancelled if any shard fails.
        var trainStates = await SlurmJobStates.WaitForEndAsync(trainJob, cluster.ClientEnvironment, JobsTimeout);
        var shardStates = await SlurmJobStates.ReadAsync(featurizeJob, cluster.ClientEnvironment);
        var story = $"featurize {featurizeJob}: {string.Join(", ", shardStates)}; train {trainJob}: {string.Join(", ", trainStates)}\n"
            + JobLogs(output) + cluster.LogTail();
        Assert.True(shardStates.Count == Shards && shardStates.All(state => state == "COMPLETED"), story);
        Assert.True(trainStates.SequenceEqual(["COMPLETED"]), story);
    }

    private static void AssertSameRows(string sharded, string single, int images)
    {
        using var comparison = new FeatureDatasetComparison(sharded, single);
        Assert.Equal(comparison.Schema(left: false), comparison.Schema(left: true));
        Assert.Equal(images, comparison.RightRows);
        Assert.Equal(images, comparison.LeftRows);
        Assert.Equal(0, comparison.LeftRowsWithError);
        Assert.Empty(comparison.DifferingPaths());
    }

    /// <summary>The binary under test: $SPARKIMAGING_BIN if set (a developer's quick re-run), else a fresh self-contained publish.</summary>
    private static async Task<string> PublishAsync(string scratch)
    {
        var prebuilt = Environment.GetEnvironmentVariable("SPARKIMAGING_BIN");
        if (!string.IsNullOrEmpty(prebuilt))
        {
            Assert.True(File.Exists(prebuilt), $"SPARKIMAGING_BIN={prebuilt} does not exist");
            return prebuilt;
        }

        var output = Path.Combine(scratch, "publish");
        // No build servers: a test must not leave MSBuild or compiler processes running behind it.
        var published = await ChildProcess.RunAsync(
            "bash", [ClusterTestPaths.PublishScript, "--out", output, "--", "--disable-build-servers"], PublishTimeout);
        Assert.True(published.Succeeded, published.Describe());
        var binary = Path.Combine(output, "sparkimaging");
        Assert.True(File.Exists(binary), $"publish.sh succeeded but {binary} is missing");
        return binary;
    }

    private static string JobId(string name, CommandResult submitted)
    {
        var match = Regex.Match(submitted.StandardOutput, $@"^{name}=(\d+)\s*$", RegexOptions.Multiline);
        Assert.True(match.Success, $"submit.sh printed no {name}=<id>:\n{submitted.Describe()}");
        return match.Groups[1].Value;
    }

    private static string JobLogs(string output)
    {
        var logs = Path.Combine(output, "logs");
        if (!Directory.Exists(logs))
        {
            return "(no job logs)\n";
        }

        var text = new System.Text.StringBuilder();
        foreach (var log in Directory.EnumerateFiles(logs).Order(StringComparer.Ordinal))
        {
            text.Append("--- ").Append(Path.GetFileName(log)).AppendLine(" ---").AppendLine(File.ReadAllText(log));
        }

        return text.ToString();
    }
}
