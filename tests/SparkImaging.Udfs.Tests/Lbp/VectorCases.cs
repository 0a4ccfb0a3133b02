using SparkImaging.Udfs.Lbp;

namespace SparkImaging.Udfs.Tests.Lbp;

/// <summary>Seeded images that stress the vector paths: ties, integer values, non-finite values, odd widths for the tails, band edges, column strips, rows wider than the byte patterns gathered for counting.</summary>
internal static class VectorCases
{
    private const int Seed = 20240611;

    /// <summary>
    /// Operators covering integer and fractional offsets, every method, tables and the inline uniform code; uniform
    /// ones with 1, 2, 3 and 5 interpolated samples for the planes kernel's first, middle and last pairs and its lone sample.
    /// </summary>
    public static readonly string[] Specs =
    [
        "8:1:uniform", "24:3:uniform", "16:2:default", "8:1.5:ror", "12:2.5:nri_uniform", "4:1:default", "32:5:uniform", "6:0.5:uniform",
        "1:1.5:uniform", "3:1:uniform", "3:1.5:uniform", "5:0.5:uniform",
    ];

    /// <summary>Name, rows, columns, pixels.</summary>
    public static IEnumerable<(string Name, int Rows, int Columns, double[] Pixels)> Images()
    {
        var random = new Random(Seed);
        yield return ("random_37x53", 37, 53, Fill(random, 37 * 53, r => r.NextDouble()));
        yield return ("ties_70x67", 70, 67, Fill(random, 70 * 67, r => r.Next(4) / 3.0));
        yield return ("integers_33x129", 33, 129, Fill(random, 33 * 129, r => r.Next(256)));
        yield return ("single_1x1", 1, 1, [0.5]);
        yield return ("tiny_2x3", 2, 3, Fill(random, 6, r => r.Next(3)));
        yield return ("odd_9x17", 9, 17, Fill(random, 9 * 17, r => r.NextDouble()));
        yield return ("tall_131x15", 131, 15, Fill(random, 131 * 15, r => r.Next(8) / 7.0));
        yield return ("wide_5x203", 5, 203, Fill(random, 5 * 203, r => r.NextDouble()));
        yield return ("bands_150x101", 150, 101, Fill(random, 150 * 101, r => r.Next(6) / 5.0));
        yield return ("strips_7x1703", 7, 1703, Fill(random, 7 * 1703, r => r.Next(5) / 4.0));
        yield return ("very_wide_3x9001", 3, 9001, Fill(random, 3 * 9001, r => r.Next(9) / 8.0));
        yield return ("nonfinite_40x41", 40, 41, Fill(random, 40 * 41, NonFinite));

        // For the filtered kernel: values within its single-precision tolerance of a tie (8-bit levels nudged by
        // 1e-12..1e-6 relative, and by multiples of 2^-24 around its bounds), smooth ramps full of exact ties, magnitudes at and beyond its [2^-60, 2^60] range,
        // negative values and signed zeros, and a band of zeros above textured rows.
        yield return ("near_ties_67x97", 67, 97, Fill(random, 67 * 97, NearTie));
        yield return ("ramps_70x80", 70, 80, Ramps(70, 80));
        yield return ("window_67x97", 67, 97, Fill(random, 67 * 97, WindowEdge));
        yield return ("huge_31x70", 31, 70, Fill(random, 31 * 70, r => r.Next(256) * 1e30));
        yield return ("large_31x70", 31, 70, Fill(random, 31 * 70, r => r.Next(256) * Math.ScaleB(1, 50)));
        yield return ("small_31x70", 31, 70, Fill(random, 31 * 70, r => r.Next(256) * Math.ScaleB(1, -55)));
        yield return ("tiny_31x70", 31, 70, Fill(random, 31 * 70, r => r.Next(256) * 1e-25));
        yield return ("signed_40x66", 40, 66, Fill(random, 40 * 66, r => r.Next(5) switch { 0 => -0.0, 1 => 0.0, _ => (r.Next(7) - 3) / 3.0 }));
        var zeroBand = Fill(random, 150 * 70, r => r.Next(3));
        Array.Clear(zeroBand, 0, 80 * 70);
        yield return ("zero_band_150x70", 150, 70, zeroBand);
    }

    /// <summary>
    /// Byte patterns for the vector tally of uniform codes (the self-check counts them for every P ≤ 8, masked to P
    /// bits): every pattern, random ones over lengths that end off every vector width and past the tallies' flush
    /// chunks, and long runs of one pattern (a byte counter that missed a flush would wrap).
    /// </summary>
    public static IEnumerable<(string Name, byte[] Patterns)> BytePatterns()
    {
        var random = new Random(Seed);
        yield return ("every", Enumerable.Range(0, 256 * 67).Select(i => (byte)(i * 37)).ToArray());
        foreach (var length in new[] { 0, 15, 31, 33, 2047, 2049, 20_011 })
        {
            var patterns = new byte[length];
            random.NextBytes(patterns);
            yield return ($"random{length}", patterns);
        }

        yield return ("run0", new byte[20_000]);
        yield return ("run255", Enumerable.Repeat((byte)255, 20_001).ToArray());
        yield return ("nonuniform", Enumerable.Repeat((byte)0b1010_0101, 9_000).ToArray());
    }

    /// <summary>The uniform code counts of <paramref name="patterns"/> masked to <paramref name="points"/> bits, one pattern at a time.</summary>
    public static long[] NaiveUniformCounts(byte[] patterns, int points)
    {
        var map = new LbpCodeMap(points, LbpMethod.Uniform);
        var counts = new long[points + 2];
        foreach (var pattern in patterns)
        {
            counts[map.Map(pattern & ((1u << points) - 1))]++;
        }

        return counts;
    }

    /// <summary>Counts and codes of the scalar path, in process.</summary>
    public static (long[] Counts, double[] Codes) Scalar(string spec, int rows, int columns, double[] pixels) => Run(spec, rows, columns, pixels, LbpKernel.Scalar);

    /// <summary>Counts and codes of a vector kernel, in process.</summary>
    public static (long[] Counts, double[] Codes) Vector(string spec, int rows, int columns, double[] pixels, LbpKernel kernel) => Run(spec, rows, columns, pixels, kernel);

    private static (long[] Counts, double[] Codes) Run(string spec, int rows, int columns, double[] pixels, LbpKernel kernel)
    {
        var lbp = LbpOperator.For(LbpSpec.Parse(spec));
        var counts = new long[lbp.Spec.BinCount];
        var codes = new double[pixels.Length];
        lbp.CountCodes(pixels, rows, columns, counts, kernel);
        lbp.ComputeCodes(pixels, rows, columns, codes, kernel);
        return (counts, codes);
    }

    // Mostly ordinary values, with ±∞ and NaN sprinkled in: they must turn off the integer-offset shortcut.
    private static double NonFinite(Random random) => random.Next(50) switch
    {
        0 => double.PositiveInfinity,
        1 => double.NegativeInfinity,
        2 => double.NaN,
        _ => random.NextDouble(),
    };

    // An 8-bit level, sometimes nudged by far less than a level: single precision cannot tell these from ties.
    private static double NearTie(Random random)
    {
        var level = random.Next(4) * 64 / 255.0;
        return random.Next(3) switch
        {
            0 => level,
            1 => level * (1 + (Math.Pow(10, -6 - random.Next(7)) * ((random.Next(2) * 2) - 1))),
            _ => level + 1e-9,
        };
    }

    /// <summary>
    /// Levels nudged by k·2⁻²⁴ relative, k up to 80: differences from the centre on both sides of the filtered
    /// kernel's bounds (within 14·M·2⁻²⁴ of the decision, the window of 2T = 32·M·2⁻²⁴), where a wrong bound would show.
    /// </summary>
    private static double WindowEdge(Random random)
    {
        var level = random.Next(1, 4) * 64 / 255.0;
        return random.Next(3) == 0 ? level : level * (1 + (Math.ScaleB(random.Next(-80, 81), -24) * (1 + random.NextDouble())));
    }

    private static double[] Ramps(int rows, int columns)
    {
        var values = new double[rows * columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                values[(r * columns) + c] = r < rows / 2 ? Math.Floor(c / 9.0) / 255 : ((r + c) % 17) / 16.0;
            }
        }

        return values;
    }

    private static double[] Fill(Random random, int length, Func<Random, double> next)
    {
        var values = new double[length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = next(random);
        }

        return values;
    }
}
