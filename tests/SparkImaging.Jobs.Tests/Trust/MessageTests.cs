using System.Text.RegularExpressions;
using SparkImaging.Jobs.Tests.Support;

namespace SparkImaging.Jobs.Tests.Trust;

/// <summary>Issue 14 item 10: messages name options, not .NET parameters; help states each default once.</summary>
public sealed partial class MessageTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("--lbp", "20:1:default")]
    [InlineData("--lbp", "8:1", "--lbp", "8:1")]
    [InlineData("--lbp", "24:0")]
    public void Usage_errors_carry_no_parameter_suffix(params string[] options)
    {
        var result = ProgramRunner.Run(["featurize", "--input", Path.Combine(SampleImages.Samples, "brick"), "--output", temp.Combine("out"), .. options]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.DoesNotContain("(Parameter", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Actual value", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("featurize")]
    [InlineData("train")]
    [InlineData("evaluate")]
    [InlineData("predict")]
    [InlineData("run")]
    public void Help_states_each_default_once(string command)
    {
        var result = ProgramRunner.Run(command, "--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        var doubled = result.Stdout.Split('\n').Where(line => DoubledDefault().IsMatch(line)).ToList();
        Assert.True(doubled.Count == 0, string.Join('\n', doubled));
    }

    [GeneratedRegex(@"\(default\b.*\[default:", RegexOptions.IgnoreCase)]
    private static partial Regex DoubledDefault();
}
