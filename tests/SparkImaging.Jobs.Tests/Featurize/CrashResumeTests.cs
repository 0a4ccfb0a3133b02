using System.Diagnostics;
using SparkImaging.Jobs.Tests.Support;

namespace SparkImaging.Jobs.Tests.Featurize;

/// <summary>SIGKILL at several points, then --resume: the dataset equals an uninterrupted run, row for row.</summary>
public sealed class CrashResumeTests : IDisposable
{
    private const int Images = 600;
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Killed_runs_resumed_equal_an_uninterrupted_run()
    {
        var input = temp.Combine("images");
        for (var i = 0; i < Images; i++)
        {
            SampleImages.Write(Path.Combine(input, i % 2 == 0 ? "even" : "odd", $"img_{i:D4}.png"), i, size: 128);
        }

        File.WriteAllText(Path.Combine(input, "odd", "broken.png"), "not an image");
        var reference = temp.Combine("reference");
        Assert.Equal(0, ProgramRunner.Run("featurize", "--input", input, "--output", reference, "--workers", "2", "--rows-per-file", "16").ExitCode);

        var output = temp.Combine("crashed");
        string[] args = ["featurize", "--input", input, "--output", output, "--workers", "1", "--rows-per-file", "5", "--resume"];

        // Kill before anything is committed, then after 1, 4 and 9 more part files.
        Assert.True(ProgramRunner.KillAfterParts(args, output, parts: 0), "the first run finished before it could be killed");
        foreach (var more in new[] { 1, 4, 9 })
        {
            Assert.True(ProgramRunner.KillAfterParts(args, output, Directory.GetFiles(output, "part-*.parquet").Length + more), "a run finished before it could be killed");
            Assert.False(File.Exists(Path.Combine(output, "_SUCCESS")));
        }

        var finish = ProgramRunner.Run(args);
        Assert.True(finish.ExitCode == 0, finish.ToString());
        Assert.True(File.Exists(Path.Combine(output, "_SUCCESS")));

        DatasetRows.AssertSame(reference, output, Images + 1);

        var again = ProgramRunner.Run(args);
        Assert.True(again.ExitCode == 0 && again.Stdout.Contains("nothing to do", StringComparison.Ordinal), again.ToString());
    }

    [Fact]
    public void Rerun_without_resume_refuses_and_leaves_the_dataset_untouched()
    {
        var output = temp.Combine("out");
        Assert.Equal(0, ProgramRunner.Run("featurize", "--input", SampleImages.Samples, "--output", output).ExitCode);
        var before = Directory.GetFiles(output).Select(f => (f, File.GetLastWriteTimeUtc(f))).ToArray();

        var again = ProgramRunner.Run("featurize", "--input", SampleImages.Samples, "--output", output);
        var otherSpec = ProgramRunner.Run("featurize", "--input", SampleImages.Samples, "--output", output, "--resume", "--lbp", "8:1");

        Assert.True(again.ExitCode == 2 && again.Stderr.Contains("--resume", StringComparison.Ordinal), again.ToString());
        Assert.True(otherSpec.ExitCode == 2 && otherSpec.Stderr.Contains("8:1:uniform", StringComparison.Ordinal), otherSpec.ToString());
        Assert.Equal(before, Directory.GetFiles(output).Select(f => (f, File.GetLastWriteTimeUtc(f))).ToArray());
    }

    [Fact]
    public void Shards_commit_into_one_dataset_complete_only_after_the_last()
    {
        var output = temp.Combine("sharded");
        for (var shard = 0; shard < 3; shard++)
        {
            Assert.False(File.Exists(Path.Combine(output, "_SUCCESS")));
            var result = ProgramRunner.Run("featurize", "--input", SampleImages.Samples, "--output", output, "--shard", $"{shard}/3", "--workers", "1");
            Assert.True(result.ExitCode == 0, result.ToString());
        }

        Assert.True(File.Exists(Path.Combine(output, "_SUCCESS")));
        var single = temp.Combine("single");
        Assert.Equal(0, ProgramRunner.Run("featurize", "--input", SampleImages.Samples, "--output", single, "--workers", "1").ExitCode);
        DatasetRows.AssertSame(single, output, SampleImages.SampleCount);
    }
}
