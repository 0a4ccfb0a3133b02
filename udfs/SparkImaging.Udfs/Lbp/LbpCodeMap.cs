using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SparkImaging.Udfs.Lbp;

/// <summary>
/// Maps a P-bit sign pattern (bit i set when sample i ≥ centre) to the code of a method, as scikit-image does.
/// Small P use a lookup table built once per spec.
/// </summary>
internal sealed class LbpCodeMap
{
    private const int MaxTableBits = 16;
    private readonly int points;
    private readonly LbpMethod method;
    private readonly int[]? table;

    // The codes of the 256 byte patterns, when CodeTally counts them (P ≤ 8, few codes, a vector tally for the method); else null.
    private readonly byte[]? byteCodes;

    // Codes of the vector tally (byte patterns, or the computed uniform codes of P > 8); 0 when nothing is tallied.
    private readonly int tallyCodes;

    // Uniform codes of P > 8 computed as bytes and tallied in vectors (CountUniform).
    private readonly bool tallyComputedCodes;

    public LbpCodeMap(int points, LbpMethod method)
    {
        if (method == LbpMethod.Var)
        {
            throw new ArgumentException("The 'var' method has no code map.", nameof(method));
        }

        this.points = points;
        this.method = method;
        if (points <= MaxTableBits)
        {
            table = new int[1 << points];
            for (var pattern = 0u; pattern < table.Length; pattern++)
            {
                table[pattern] = Compute(pattern);
            }

            if (CountsBytes && CodeTally.IsSupported(method == LbpMethod.Uniform) && table.Max() < CodeTally.MaxCodes)
            {
                // Uniform: P + 2 codes, as the bins are, even where P + 1 cannot occur (P ≤ 2), for the computed codes.
                tallyCodes = method == LbpMethod.Uniform ? points + 2 : table.Max() + 1;
                byteCodes = new byte[256];
                for (var pattern = 0; pattern < table.Length; pattern++)
                {
                    byteCodes[pattern] = (byte)table[pattern];
                }
            }
        }

        // Machines with AVX-512 keep counting P > 8 one increment per pixel: the tally was only measured without it.
        if (method == LbpMethod.Uniform && points > 8 && points <= 32 && CodeTally.CountsCodes && !Vector512.IsHardwareAccelerated)
        {
            tallyComputedCodes = true;
            tallyCodes = points + 2;
        }
    }

    /// <summary>The code of a pattern.</summary>
    public int Map(uint pattern) => table is null ? Compute(pattern) : table[pattern];

    /// <summary>The lookup table, or null when P is too large for one.</summary>
    public int[]? Table => table;

    /// <summary>
    /// Whether <see cref="Count"/> counts the patterns themselves (P ≤ 10: 2^P slots, a few KB), to be mapped to codes
    /// once per image by <see cref="Fold"/>, rather than each pixel's code.
    /// </summary>
    public bool CountsPatterns => table is not null && points <= 10;

    /// <summary>Whether patterns are counted as bytes (<see cref="Count(ReadOnlySpan{byte}, Span{long}, int)"/>): P ≤ 8.</summary>
    public bool CountsBytes => table is not null && points <= 8;

    /// <summary>Longs after the count arrays that the vector tally of byte patterns keeps (0 when it does not run).</summary>
    public int TallyLength => tallyCodes == 0 ? 0 : CodeTally.StateLength(tallyCodes);

    /// <summary>Slots per count array: 2^P patterns when <see cref="CountsPatterns"/>, else the bins.</summary>
    public int SlotsFor(int bins) => CountsPatterns ? 1 << points : bins;

    /// <summary>Adds one count array of <see cref="SlotsFor"/> slots to the codes' <paramref name="counts"/>.</summary>
    public void Fold(ReadOnlySpan<long> slots, Span<long> counts)
    {
        for (var s = 0; s < slots.Length; s++)
        {
            counts[CountsPatterns ? table![s] : s] += slots[s];
        }
    }

    /// <summary>Adds the vector tally's counts (the <see cref="TallyLength"/> longs after the count arrays) to <paramref name="counts"/>.</summary>
    public void FoldTally(ReadOnlySpan<long> tally, Span<long> counts)
    {
        if (tallyCodes > 0)
        {
            CodeTally.Fold(tally, tallyCodes, counts);
        }
    }

    /// <summary>
    /// Counts a row of byte patterns (<see cref="CountsBytes"/>): in vectors by code where <see cref="CodeTally"/>
    /// runs, into the <see cref="TallyLength"/> longs after the four count arrays of <paramref name="slots"/>
    /// patterns each; the rest pattern by pattern into those arrays, pixel c into array c mod 4. The patterns may be
    /// overwritten (by their codes).
    /// </summary>
    public void Count(Span<byte> patterns, Span<long> ways, int slots)
    {
        var tallied = byteCodes is null ? 0 : CodeTally.Count(patterns, byteCodes, tallyCodes, method == LbpMethod.Uniform ? points : 0, ways[(4 * slots)..]);
        CountFour(patterns[tallied..], new PatternCodes(), ways, slots);
    }

    /// <summary>
    /// The counts of the codes of byte patterns (<see cref="CountsBytes"/>, only the low P bits set) over
    /// <paramref name="bins"/> bins, counted as an image's are (<see cref="Count(Span{byte}, Span{long}, int)"/>, then
    /// folded): for the tests and the ISA self-check of the vector tally.
    /// </summary>
    internal long[] CountBytePatterns(ReadOnlySpan<byte> patterns, int bins)
    {
        var slots = SlotsFor(bins);
        var ways = new long[(4 * slots) + TallyLength];
        Count(patterns.ToArray(), ways, slots);
        var counts = new long[bins];
        for (var w = 0; w < 4; w++)
        {
            Fold(ways.AsSpan(w * slots, slots), counts);
        }

        FoldTally(ways.AsSpan(4 * slots), counts);
        return counts;
    }

    /// <summary>How many count arrays <see cref="Count"/> spreads a histogram of <paramref name="bins"/> over.</summary>
    /// <remarks>Four small arrays stay in L1; 2^16-bin histograms would not, so they get one.</remarks>
    public static int WaysFor(int bins) => bins <= 1024 ? 4 : 1;

    /// <summary>
    /// Counts the codes (or the patterns, see <see cref="CountsPatterns"/>) of a row of patterns into
    /// <paramref name="ways"/> count arrays of <paramref name="bins"/> slots each, laid end to end; pixel c goes to
    /// array c mod <paramref name="wayCount"/>.
    /// </summary>
    public void Count(ReadOnlySpan<ulong> patterns, Span<long> ways, int bins, int wayCount)
    {
        if (CountsPatterns)
        {
            if (wayCount == 4)
            {
                CountFour(patterns, new PatternCodes(), ways, bins);
                return;
            }

            for (var c = 0; c < patterns.Length; c++)
            {
                ways[((c % wayCount) * bins) + (int)patterns[c]]++;
            }

            return;
        }

        if (wayCount == 4)
        {
            if (method == LbpMethod.Uniform && points <= 32)
            {
                CountUniform(patterns, ways, bins);
                return;
            }

            if (table is not null)
            {
                CountFour(patterns, new TableCodes(table), ways, bins);
                return;
            }
        }

        for (var c = 0; c < patterns.Length; c++)
        {
            ways[((c % wayCount) * bins) + Map((uint)patterns[c])]++;
        }
    }

    /// <summary>
    /// Uniform codes computed in vectors a chunk at a time: as bytes tallied code by code in vectors
    /// (<see cref="UniformCodes.FillBytes"/>, <see cref="CodeTally.CountCodes"/>, the state after the four count
    /// arrays) where the machine has the tally, else as integers (<see cref="UniformCodes.Fill"/>) counted four ways.
    /// </summary>
    private void CountUniform(ReadOnlySpan<ulong> patterns, Span<long> ways, int bins)
    {
        const int Chunk = 256;
        var codes = new UniformCodes(points);
        if (ways.Length < (4 * bins) + TallyLength || bins < points + 2)
        {
            throw new ArgumentException($"Four count arrays of {points + 2} bins and a tally of {TallyLength} need {(4 * (points + 2)) + TallyLength} counts; got {ways.Length}.", nameof(ways));
        }

        if (tallyComputedCodes)
        {
            // A row of codes per call (the walk's strips are whole rows), each byte-counter flush serving many vectors.
            const int ByteChunk = 2048;
            Span<byte> byteChunk = stackalloc byte[ByteChunk];
            var tally = ways[(4 * bins)..];
            for (var start = 0; start < patterns.Length; start += ByteChunk)
            {
                var part = patterns.Slice(start, Math.Min(ByteChunk, patterns.Length - start));
                var filled = codes.FillBytes(part, byteChunk);
                for (var c = CodeTally.CountCodes(byteChunk[..filled], tallyCodes, tally); c < part.Length; c++)
                {
                    ways[codes.Of(part[c])]++;
                }
            }

            return;
        }

        Span<int> chunk = stackalloc int[Chunk];

        // Codes are at most P + 1 < bins (UniformCodes), so the count arrays are indexed without bounds checks.
        ref var way0 = ref MemoryMarshal.GetReference(ways);
        ref var way1 = ref Unsafe.Add(ref way0, bins);
        ref var way2 = ref Unsafe.Add(ref way0, 2 * bins);
        ref var way3 = ref Unsafe.Add(ref way0, 3 * bins);
        for (var start = 0; start < patterns.Length; start += Chunk)
        {
            var count = Math.Min(Chunk, patterns.Length - start);
            var filled = chunk[..count];
            codes.Fill(patterns.Slice(start, count), filled);
            ref var code = ref MemoryMarshal.GetReference(filled);
            var c = 0;
            for (; c + 4 <= count; c += 4)
            {
                Unsafe.Add(ref way0, Unsafe.Add(ref code, c))++;
                Unsafe.Add(ref way1, Unsafe.Add(ref code, c + 1))++;
                Unsafe.Add(ref way2, Unsafe.Add(ref code, c + 2))++;
                Unsafe.Add(ref way3, Unsafe.Add(ref code, c + 3))++;
            }

            for (; c < count; c++)
            {
                Unsafe.Add(ref way0, Unsafe.Add(ref code, c))++;
            }
        }
    }

    private static void CountFour<TPattern, TCodes>(ReadOnlySpan<TPattern> patterns, TCodes codes, Span<long> ways, int bins)
        where TPattern : unmanaged, IBinaryInteger<TPattern>
        where TCodes : struct, ICodes
    {
        var way0 = ways[..bins];
        var way1 = ways.Slice(bins, bins);
        var way2 = ways.Slice(2 * bins, bins);
        var way3 = ways.Slice(3 * bins, bins);
        var c = 0;
        for (; c + 4 <= patterns.Length; c += 4)
        {
            way0[codes.Of(ulong.CreateTruncating(patterns[c]))]++;
            way1[codes.Of(ulong.CreateTruncating(patterns[c + 1]))]++;
            way2[codes.Of(ulong.CreateTruncating(patterns[c + 2]))]++;
            way3[codes.Of(ulong.CreateTruncating(patterns[c + 3]))]++;
        }

        for (; c < patterns.Length; c++)
        {
            way0[codes.Of(ulong.CreateTruncating(patterns[c]))]++;
        }
    }

    private int Compute(uint pattern) => method switch
    {
        LbpMethod.Default => (int)pattern,
        LbpMethod.Ror => RotationMinimum(pattern, points),
        LbpMethod.Uniform => Uniform(pattern, points),
        LbpMethod.NriUniform => NonRotationInvariantUniform(pattern, points),
        _ => throw new InvalidOperationException("Unknown method."),
    };

    // scikit-image counts changes between neighbours 0..P-1 only, without the wrap-around pair.
    private static int Changes(uint pattern, int points)
    {
        var neighbours = points == 1 ? 0u : (uint)((1UL << (points - 1)) - 1);
        return BitOperations.PopCount((pattern ^ (pattern >> 1)) & neighbours);
    }

    private static int Uniform(uint pattern, int points) =>
        Changes(pattern, points) <= 2 ? BitOperations.PopCount(pattern) : points + 1;

    private static int NonRotationInvariantUniform(uint pattern, int points)
    {
        if (Changes(pattern, points) > 2)
        {
            return (points * (points - 1)) + 2;
        }

        var ones = BitOperations.PopCount(pattern);
        if (ones == 0)
        {
            return 0;
        }

        if (ones == points)
        {
            return (points * (points - 1)) + 1;
        }

        var firstOne = BitOperations.TrailingZeroCount(pattern);
        var firstZero = BitOperations.TrailingZeroCount(~pattern);
        var rotation = firstOne == 0 ? ones - firstZero : points - firstOne;
        return 1 + ((ones - 1) * points) + rotation;
    }

    private static int RotationMinimum(uint pattern, int points)
    {
        var value = (int)pattern;
        var minimum = value;
        for (var i = 1; i < points; i++)
        {
            // _bit_rotate_right of scikit-image, in int32 like the original.
            value = (value >> 1) | ((value & 1) << (points - 1));
            minimum = Math.Min(minimum, value);
        }

        return minimum;
    }
}
