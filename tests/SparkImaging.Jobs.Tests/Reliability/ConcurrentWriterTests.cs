using SparkImaging.Pipeline.Dataset;
using SparkImaging.Pipeline.Inputs;
using SparkImaging.Jobs.Tests.Support;

namespace SparkImaging.Jobs.Tests.Reliability;

/// <summary>
/// Two runs writing one output at once. Same shard: the second is refused (exit 2) by the OS lock the first holds,
/// and touches nothing. Different shards of the same N: both commit, and together they make one complete dataset.
/// </summary>
public sealed class ConcurrentWriterTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Second_run_of_a_shard_being_written_is_refused_with_exit_2()
    {
        var output = temp.Combine("out");
        Directory.CreateDirectory(output);

        // Hold the shard's lock exactly as a running featurize does, for as long as the second run lives.
        using (new DatasetDirectory(output).LockShard(Shard.All))
        {
            var second = ProgramRunner.Run("featurize", "--input", SampleImages.Samples, "--output", output);

            Assert.True(second.ExitCode == 2, second.ToString());
            Assert.Contains("Another run is already writing shard", second.Stderr, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFiles(output, "part-*"));
        }

        // Released: the same command now runs.
        Assert.Equal(0, ProgramRunner.Run("featurize", "--input", SampleImages.Samples, "--output", output).ExitCode);
    }

    [Fact]
    public async Task Two_shards_running_at_once_commit_one_consistent_dataset()
    {
        var output = temp.Combine("out");
        var runs = new[] { "0/2", "1/2" }
            .Select(shard => Task.Run(() => ProgramRunner.Run("featurize", "--input", SampleImages.Samples, "--output", output, "--shard", shard, "--workers", "1", "--rows-per-file", "5")))
            .ToArray();
        var results = await Task.WhenAll(runs);

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.ToString()));
        var rows = DatasetRows.Read(output);
        Assert.Equal(48, rows.Count);
        Assert.Equal(48, rows.Select(r => r.Path).Distinct().Count());
        Assert.True(File.Exists(Path.Combine(output, "_SUCCESS")), "the run finishing last sees every input committed and writes _SUCCESS");
        Assert.False(Directory.Exists(Path.Combine(output, "_temporary")));
    }
}
