using SparkImaging.Udfs.Lbp;

namespace SparkImaging.Udfs.Tests.Lbp;

/// <summary>
/// Counting byte patterns (P ≤ 8): the vector tally by code (<see cref="CodeTally"/>: VBMI, or uniform codes computed in vectors) and
/// the pattern-by-pattern count it leaves the tails to, against counting each pattern's code one at a time — lengths
/// around the 16-, 32- and 64-lane vectors and the tallies' flush chunks, runs of one code, and counts kept across calls.
/// </summary>
public class ByteCountingTests
{
    private static readonly int[] Lengths = [0, 1, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 255, 256, 257, 511, 512, 1000, 1023, 1024, 1025, 2047, 2048, 2049, 4095, 4096, 4097, 12_345, 16_320, 16_384, 20_000];

    public static TheoryData<string> Specs => new() { "8:1:uniform", "4:1:default", "6:0.5:uniform", "8:1.5:ror", "7:2:nri_uniform", "1:1:uniform", "2:1:uniform" };

    /// <summary>
    /// The tally itself, on the path this machine takes (VBMI; else the uniform codes computed in AVX2 or 128-bit
    /// vectors; the child processes of <c>VectorPathTests</c> take the narrower ones): every uniform P, whole vectors
    /// tallied, codes written over the patterns.
    /// </summary>
    [Fact]
    public void The_tally_counts_like_one_code_at_a_time()
    {
        if (!CodeTally.IsSupported(uniform: true))
        {
            return;
        }

        for (var points = 1; points <= 8; points++)
        {
            var map = new LbpCodeMap(points, LbpMethod.Uniform);
            var table = Enumerable.Range(0, 256).Select(pattern => (byte)map.Map((uint)pattern & ((1u << points) - 1))).ToArray();
            var codes = points + 2;
            var random = new Random(81 + points);
            foreach (var length in Lengths)
            {
                foreach (var patterns in Patterns(random, length, 1 << points))
                {
                    var copy = patterns.ToArray();
                    var state = new long[CodeTally.StateLength(codes)];
                    var tallied = CodeTally.Count(copy, table, codes, points, state);
                    Assert.True(tallied % 16 == 0 && tallied <= length && length - tallied < 64, $"P = {points}: {tallied} of {length} tallied");
                    var counts = new long[codes];
                    CodeTally.Fold(state, codes, counts);
                    Assert.Equal(Naive(patterns.AsSpan(0, tallied), map, codes), counts);
                    Assert.Equal(patterns.Take(tallied).Select(pattern => (byte)map.Map(pattern)), copy.Take(tallied));
                }
            }
        }
    }

    /// <summary>A method other than uniform has a vector tally only with VBMI; without, nothing is tallied and all is counted one by one.</summary>
    [Fact]
    public void Without_vbmi_only_uniform_is_tallied()
    {
        var map = new LbpCodeMap(4, LbpMethod.Default);
        Assert.Equal(CodeTally.IsSupported(uniform: false) ? CodeTally.StateLength(16) : 0, map.TallyLength);
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Counting_rows_of_byte_patterns_counts_their_codes(string text)
    {
        var spec = LbpSpec.Parse(text);
        var map = new LbpCodeMap(spec.Points, spec.Method);
        Assert.True(map.CountsBytes);
        var slots = map.SlotsFor(spec.BinCount);
        var random = new Random(spec.Points);
        foreach (var length in Lengths)
        {
            foreach (var patterns in Patterns(random, length, 1 << spec.Points))
            {
                // Three rows into one set of counts: the state carries across calls.
                var ways = new long[(4 * slots) + map.TallyLength];
                for (var row = 0; row < 3; row++)
                {
                    map.Count(patterns.ToArray(), ways, slots);
                }

                var counts = new long[spec.BinCount];
                for (var w = 0; w < 4; w++)
                {
                    map.Fold(ways.AsSpan(w * slots, slots), counts);
                }

                map.FoldTally(ways.AsSpan(4 * slots), counts);
                Assert.Equal(Naive(patterns, map, spec.BinCount).Select(count => 3 * count), counts);
            }
        }
    }

    /// <summary>Random patterns, runs of one pattern (every byte counter rises in step), and patterns biased to a few codes.</summary>
    private static IEnumerable<byte[]> Patterns(Random random, int length, int limit)
    {
        yield return Enumerable.Range(0, length).Select(_ => (byte)random.Next(limit)).ToArray();
        var one = (byte)random.Next(limit);
        yield return Enumerable.Repeat(one, length).ToArray();
        yield return Enumerable.Range(0, length).Select(_ => (byte)(random.Next(4) == 0 ? random.Next(limit) : limit - 1)).ToArray();
    }

    private static long[] Naive(ReadOnlySpan<byte> patterns, LbpCodeMap map, int bins)
    {
        var counts = new long[bins];
        foreach (var pattern in patterns)
        {
            counts[map.Map(pattern)]++;
        }

        return counts;
    }
}
