using SparkImaging.Jobs.Tests.Support;
using SparkImaging.Pipeline.Dataset;
using SparkImaging.Udfs.Lbp;

namespace SparkImaging.Jobs.Tests.Trust;

/// <summary>Issue 14 item 6: a radius that would be written as another value is refused; every written spec reads back as itself.</summary>
public sealed class LbpSpecRoundTripTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("8:0.0000000001")]
    [InlineData("8:1.00000000001")]
    [InlineData("8:1e-10")]
    public void A_radius_that_would_not_read_back_exits_2_naming_it(string lbp)
    {
        var output = temp.Combine("out");

        var result = ProgramRunner.Run("featurize", "--input", Path.Combine(SampleImages.Samples, "brick"), "--output", output, "--lbp", lbp);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(lbp, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Every_valid_spec_reads_back_from_its_text_and_its_column_name()
    {
        var random = new Random(14);
        var methods = Enum.GetValues<LbpMethod>();
        for (var trial = 0; trial < 20_000; trial++)
        {
            var method = methods[random.Next(methods.Length)];
            var points = random.Next(1, method is LbpMethod.Default or LbpMethod.Ror ? LbpSpec.MaxPointsForFullCodes + 1 : LbpSpec.MaxPoints + 1);
            var radius = Math.Round(random.NextDouble() * Math.Pow(10, random.Next(-9, 4)), random.Next(0, 12));
            LbpSpec spec;
            try
            {
                spec = new LbpSpec(points, radius, method);
            }
            catch (ArgumentOutOfRangeException)
            {
                continue;
            }

            Assert.Equal(spec, LbpSpec.Parse(spec.ToString()));
            if (spec.Method != LbpMethod.Var)
            {
                Assert.Equal(spec, FeatureTableReader.SpecFromColumnName(spec.ColumnName));
            }
        }
    }
}
