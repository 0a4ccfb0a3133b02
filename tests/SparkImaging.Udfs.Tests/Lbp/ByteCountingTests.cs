using SparkImaging.Udfs.Lbp;

namespace SparkImaging.Udfs.Tests.Lbp;

/// <summary>
/// Counting byte patterns (P ≤ 8): the vector tally by code (<see cref="CodeTally"/>, where the machine has VBMI) and
/// the pattern-by-pattern count it leaves the tails to, against counting each pattern's code one at a time — lengths
/// around the 64-lane vector and the tally's flush chunk, runs of one code, and counts kept across calls.
/// </summary>
public class ByteCountingTests
{
    private static readonly int[] Lengths = [0, 1, 15, 63, 64, 65, 127, 128, 255, 256, 257, 511, 512, 1000, 4095, 4096, 4097, 12_345, 16_320, 16_384, 20_000];

    public static TheoryData<string> Specs => new() { "8:1:uniform", "4:1:default", "6:0.5:uniform", "8:1.5:ror", "7:2:nri_uniform", "1:1:uniform", "2:1:uniform" };

    [Fact]
    public void The_tally_counts_like_one_code_at_a_time()
    {
        if (!CodeTally.IsSupported)
        {
            return;
        }

        var map = new LbpCodeMap(8, LbpMethod.Uniform);
        var table = map.Table!.Select(code => (byte)code).ToArray();
        const int Codes = 10;
        var random = new Random(81);
        foreach (var length in Lengths)
        {
            foreach (var patterns in Patterns(random, length, 256))
            {
                // The tally overwrites the patterns with their codes: it gets a copy.
                var state = new long[CodeTally.StateLength(Codes)];
                var tallied = CodeTally.Count(patterns.ToArray(), table, Codes, state);
                Assert.Equal(length / 64 * 64, tallied);
                var counts = new long[Codes];
                CodeTally.Fold(state, Codes, counts);
                Assert.Equal(Naive(patterns.AsSpan(0, tallied), map, Codes), counts);
            }
        }
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
