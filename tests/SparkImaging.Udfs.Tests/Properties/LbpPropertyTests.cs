using SparkImaging.Udfs.Lbp;

namespace SparkImaging.Udfs.Tests.Properties;

/// <summary>Invariances LBP must have, checked on many random images.</summary>
public class LbpPropertyTests
{
    private const int Trials = 25;

    public static TheoryData<int, double> RotationSpecs => new() { { 4, 1 }, { 8, 1 }, { 8, 2 }, { 16, 2 }, { 24, 3 }, { 12, 1.5 } };

    public static TheoryData<int, double, string> ScalingSpecs => new()
    {
        { 8, 1, "uniform" }, { 8, 1, "default" }, { 16, 2, "ror" }, { 24, 3, "uniform" }, { 16, 1.5, "nri_uniform" }, { 4, 1, "default" },
    };

    [Theory]
    [MemberData(nameof(RotationSpecs))]
    public void Rotating_the_image_90_degrees_leaves_the_uniform_histogram_unchanged(int points, double radius)
    {
        var op = LbpOperator.For(new LbpSpec(points, radius, LbpMethod.Uniform));
        var random = new Random(points * 100 + (int)(radius * 10));
        for (var trial = 0; trial < Trials; trial++)
        {
            var (rows, columns) = (random.Next(1, 40), random.Next(1, 40));

            // Distinct values: in a flat neighbourhood (1 − dc)·a + dc·a rounds to a ± 1 ulp depending on where the
            // column falls, in scikit-image as here, so a rotation can flip such a tie; without ties it cannot.
            var image = DistinctIntegerImage(random, rows, columns);
            var rotated = Rotate90(image, rows, columns);

            var counts = new long[op.Spec.BinCount];
            var rotatedCounts = new long[op.Spec.BinCount];
            op.CountCodes(image, rows, columns, counts);
            op.CountCodes(rotated, columns, rows, rotatedCounts);

            Assert.Equal(counts, rotatedCounts);
        }
    }

    [Theory]
    [MemberData(nameof(ScalingSpecs))]
    public void Positive_scaling_leaves_codes_unchanged_on_integer_images_without_ties(int points, double radius, string method)
    {
        var op = LbpOperator.For(new LbpSpec(points, radius, LbpSpec.ParseMethod(method)));
        var random = new Random(points + (int)(radius * 7));
        foreach (var scale in new[] { 2.0, 3.0, 0.5, 7.25, 1 / 255.0, 1e-3, 65535.0 })
        {
            var (rows, columns) = (random.Next(2, 35), random.Next(2, 35));

            // Distinct integers: no two pixels tie, and with 5-decimal weights an interpolated sample is either
            // exactly the centre or at least ~1e-10 away, far beyond rounding error.
            var image = DistinctIntegerImage(random, rows, columns);
            var scaled = image.Select(v => v * scale).ToArray();

            var codes = new double[image.Length];
            var scaledCodes = new double[image.Length];
            op.ComputeCodes(image, rows, columns, codes);
            op.ComputeCodes(scaled, rows, columns, scaledCodes);

            Assert.Equal(codes, scaledCodes);
        }
    }

    [Fact]
    public void Histogram_of_every_image_counts_every_pixel_once()
    {
        var random = new Random(9);
        foreach (var spec in new[] { "8:1:default", "8:1:ror", "24:3:uniform", "16:2:nri_uniform" }.Select(LbpSpec.Parse))
        {
            var (rows, columns) = (random.Next(1, 70), random.Next(1, 70));
            var counts = new long[spec.BinCount];
            LbpOperator.For(spec).CountCodes(RandomIntegerImage(random, rows, columns, 7), rows, columns, counts);
            Assert.Equal(rows * columns, counts.Sum());
        }
    }

    private static double[] DistinctIntegerImage(Random random, int rows, int columns) =>
        Enumerable.Range(0, rows * columns).Select(v => (double)v).OrderBy(_ => random.Next()).ToArray();

    private static double[] RandomIntegerImage(Random random, int rows, int columns, int levels) =>
        Enumerable.Range(0, rows * columns).Select(_ => (double)random.Next(levels)).ToArray();

    /// <summary>np.rot90: counter-clockwise, result[r, c] = image[c, columns − 1 − r].</summary>
    private static double[] Rotate90(double[] image, int rows, int columns)
    {
        var rotated = new double[image.Length];
        for (var r = 0; r < columns; r++)
        {
            for (var c = 0; c < rows; c++)
            {
                rotated[(r * rows) + c] = image[(c * columns) + (columns - 1 - r)];
            }
        }

        return rotated;
    }
}
