using SparkImaging.Udfs.Lbp;

namespace SparkImaging.Udfs.Tests.Golden;

/// <summary>LBP codes and histograms against scikit-image 0.19.3, exactly.</summary>
public class GoldenLbpTests
{
    public static IEnumerable<object[]> CodeCases => GoldenFixtures.Cases(c => c.Method != "var");

    public static IEnumerable<object[]> HistogramCases => GoldenFixtures.Cases(c => c.Method != "var" && c.Spec.HasHistogram);

    public static IEnumerable<object[]> VarianceCases => GoldenFixtures.Cases(c => c.Method == "var");

    public static IEnumerable<object[]> OffsetCases =>
        GoldenCase.All().Where(c => c.Image == "brick").Select(c => (c.Points, c.Radius)).Distinct()
            .Select(pr => new object[] { pr.Points, pr.Radius });

    [Theory]
    [MemberData(nameof(OffsetCases))]
    public void Sample_offsets_equal_scikit_image(int points, double radius)
    {
        var expected = GoldenFixtures.Archive("brick")[$"offsets_p{points}_r{radius.ToString(System.Globalization.CultureInfo.InvariantCulture).Replace('.', '_')}"].Values;
        var op = LbpOperator.For(new LbpSpec(points, radius, LbpMethod.Uniform));

        Assert.Equal(expected[..points], op.RowOffsets);
        Assert.Equal(expected[points..], op.ColumnOffsets);
    }

    [Theory]
    [MemberData(nameof(CodeCases))]
    public void Codes_equal_scikit_image_pixel_for_pixel(string image, string key)
    {
        var golden = GoldenFixtures.Find(image, key);
        var archive = GoldenFixtures.Archive(image);
        var gray = archive["gray"].Values;
        var codes = new double[gray.Length];

        LbpOperator.For(golden.Spec).ComputeCodes(gray, golden.Rows, golden.Columns, codes);

        var expected = archive["codes_" + key].Values;
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(expected[i] == codes[i], $"{golden}: pixel ({i / golden.Columns}, {i % golden.Columns}) is {codes[i]}, scikit-image says {expected[i]}");
        }
    }

    [Theory]
    [MemberData(nameof(HistogramCases))]
    public void Histogram_equals_scikit_image_to_the_float32_bit_with_and_without_vectors(string image, string key)
    {
        var golden = GoldenFixtures.Find(image, key);
        var archive = GoldenFixtures.Archive(image);
        var gray = archive["gray"].Values;
        var expected = archive["hist_" + key].Values;

        foreach (var useVectors in new[] { true, false })
        {
            var counts = new long[golden.Spec.BinCount];
            LbpOperator.For(golden.Spec).CountCodes(gray, golden.Rows, golden.Columns, counts, useVectors);
            var histogram = counts.Select(n => (double)(float)((double)n / gray.Length)).ToArray();
            Assert.Equal(expected, histogram);
        }
    }

    [Theory]
    [MemberData(nameof(VarianceCases))]
    public void Variance_matches_scikit_image_within_1e12_relative_and_NaN_where_it_is_NaN(string image, string key)
    {
        var golden = GoldenFixtures.Find(image, key);
        var archive = GoldenFixtures.Archive(image);
        var gray = archive["gray"].Values;
        var values = new double[gray.Length];

        LbpOperator.For(golden.Spec).ComputeCodes(gray, golden.Rows, golden.Columns, values);

        var expected = archive["codes_" + key].Values;
        for (var i = 0; i < expected.Length; i++)
        {
            if (double.IsNaN(expected[i]))
            {
                Assert.True(double.IsNaN(values[i]), $"{golden}: pixel {i} should be NaN, is {values[i]}");
            }
            else
            {
                Assert.True(Math.Abs(values[i] - expected[i]) <= 1e-12 * Math.Abs(expected[i]), $"{golden}: pixel {i} is {values[i]:R}, scikit-image says {expected[i]:R}");
            }
        }
    }
}
