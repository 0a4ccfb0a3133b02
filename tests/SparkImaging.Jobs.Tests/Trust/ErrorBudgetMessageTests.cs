using SparkImaging.Jobs.Tests.Support;

namespace SparkImaging.Jobs.Tests.Trust;

/// <summary>Issue 14 item 8: exit 3 names the limit exceeded, lists the first failures and the query for all of them.</summary>
public sealed class ErrorBudgetMessageTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Exit_3_names_the_limit_and_the_first_failures()
    {
        var input = temp.Combine("in");
        SampleImages.Write(Path.Combine(input, "good.png"), 1);
        File.WriteAllText(Path.Combine(input, "text.png"), "not an image");
        File.WriteAllBytes(Path.Combine(input, "empty.jpg"), []);
        var output = temp.Combine("out");

        var result = ProgramRunner.Run("featurize", "--input", input, "--output", output, "--max-error-fraction", "0.25", "--lbp", "8:1");

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("2 of 3 inputs failed, more than --max-error-fraction 0.25", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{Path.Combine(input, "text.png")}: unsupported format", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{Path.Combine(input, "empty.jpg")}: empty file", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"read_parquet('{output}/*.parquet') WHERE error IS NOT NULL", result.Stderr, StringComparison.Ordinal);
    }
}
