using SparkImaging.Jobs.Tests.Support;

namespace SparkImaging.Jobs.Tests.Trust;

/// <summary>A trained job (features + model) that the bad-argument table points its commands at.</summary>
public sealed class TrainedJob : IDisposable
{
    private readonly TempDirectory temp = new();

    public TrainedJob()
    {
        var result = ProgramRunner.Run("run", "--input", Path.Combine(SampleImages.Samples, "brick"), "--input", Path.Combine(SampleImages.Samples, "grass"), "--output", temp.Combine("job"), "--lbp", "8:1");
        Assert.True(result.ExitCode == 0, result.ToString());
        File.WriteAllText(temp.Combine("a-file"), "not a directory");
        Directory.CreateDirectory(temp.Combine("corrupt-model"));
        foreach (var file in Directory.GetFiles(Model))
        {
            File.Copy(file, Path.Combine(temp.Combine("corrupt-model"), Path.GetFileName(file)));
        }

        File.WriteAllBytes(Path.Combine(temp.Combine("corrupt-model"), "model.zip"), [0x50, 0x4B, 0x03, 0x04, 1, 2, 3]);
    }

    public string Root => temp.Path;

    public string Features => temp.Combine("job", "features");

    public string Model => temp.Combine("job", "model");

    public void Dispose() => temp.Dispose();
}

/// <summary>Issue 14 item 9: every command given bad paths answers with one line naming the problem, never a stack trace.</summary>
public sealed class NoStackTraceTests(TrainedJob job) : IClassFixture<TrainedJob>
{
    public static TheoryData<string, string> BadArguments => new()
    {
        // {0} = the fixture's root, {F} = its features, {M} = its model; the expected exit codes follow.
        { "evaluate --features {F} --model {M} --output /no/such/dir/x.json", "2" },
        { "evaluate --features {F} --model {0}/corrupt-model", "1 2" },
        { "evaluate --features {0}/a-file --model {M}", "2" },
        { "evaluate --features {F} --model {0}/a-file", "2" },
        { "train --features {F} --model {0}/a-file", "2" },
        { "train --features {0}/a-file --model {0}/new-model", "2" },
        { "featurize --input {S} --output {0}/a-file", "2" },
        { "featurize --input {S} --output /proc/x", "1 2" },
        { "predict --input {S} --model {0}/corrupt-model --output {0}/p1", "1 2" },
        { "predict --input {S} --model {0}/a-file --output {0}/p2", "2" },
        { "predict --input {S} --model {M} --output {0}/a-file", "2" },
        { "run --input {S} --output {0}/a-file", "2" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public void Bad_paths_get_one_line_and_no_stack_trace(string command, string exitCodes)
    {
        var args = command
            .Replace("{0}", job.Root, StringComparison.Ordinal)
            .Replace("{F}", job.Features, StringComparison.Ordinal)
            .Replace("{M}", job.Model, StringComparison.Ordinal)
            .Replace("{S}", Path.Combine(SampleImages.Samples, "brick"), StringComparison.Ordinal)
            .Split(' ');

        var result = ProgramRunner.Run(args);

        Assert.True(exitCodes.Split(' ').Contains(result.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture)), result.ToString());
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void An_empty_input_run_leaves_nothing_behind()
    {
        var empty = Path.Combine(job.Root, "empty-input");
        Directory.CreateDirectory(empty);
        var output = Path.Combine(job.Root, "empty-output");

        var result = ProgramRunner.Run("featurize", "--input", empty, "--output", output);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.False(Directory.Exists(output), "no _locks (nor anything else) for a run that found no input");
    }
}
