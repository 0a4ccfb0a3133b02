using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SparkImaging.Udfs.Lbp;

/// <summary>
/// Counts scikit-image's <c>uniform</c> codes of columns held as bit planes (<see cref="SampleLanes.FilteredPlanes"/>),
/// 256 columns at a time, without forming a pattern per column: bit-sliced, each operation on a 256-bit vector of
/// plane words decides one step for 256 columns at once.
/// <list type="bullet">
/// <item>At most two changes between neighbours 0..P−1 (scikit-image ignores the wrap-around pair): a saturating count
/// of the changes, ≥ 1, ≥ 2, ≥ 3, over the P − 1 neighbour pairs.</item>
/// <item>The number of ones: a carry-save adder tree over the P planes, leaving its binary digits as planes.</item>
/// <item>The histogram: the columns split by those digits into one mask per count, each counted with a population
/// count; the non-uniform columns (code P + 1) are the rest.</item>
/// </list>
/// </summary>
internal static class UniformPlanes
{
    /// <summary>Plane words per vector.</summary>
    public const int WordsPerVector = 8;

    /// <summary>
    /// Adds the uniform codes of the first <paramref name="words"/> words of the <paramref name="points"/> planes
    /// (plane i at <c>planes[i·planeStride]</c>) to <paramref name="counts"/> (P + 2 bins). The plane stride must be a
    /// multiple of <see cref="WordsPerVector"/>: words past <paramref name="words"/> are read and ignored.
    /// </summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Count(ReadOnlySpan<uint> planes, int planeStride, int words, int points, Span<long> counts)
    {
        if (points < 1 || points > LbpSpec.MaxPoints || planeStride % WordsPerVector != 0 || words > planeStride
            || planes.Length < points * planeStride || counts.Length < points + 2)
        {
            throw new ArgumentException($"Planes of {points} points, stride {planeStride}, {words} words and {counts.Length} bins do not fit.");
        }

        // The count's binary digits up to the top one P can reach: a constant per instantiation, so that the adder and
        // the split do no work for digits that stay zero (8:1's count has four, not six).
        switch (points)
        {
            case 8:
                CountEight(planes, planeStride, words, counts);
                break;
            case < 8:
                Count<Constant.Three>(planes, planeStride, words, points, counts);
                break;
            case < 16:
                Count<Constant.Four>(planes, planeStride, words, points, counts);
                break;
            case < 32:
                Count<Constant.Five>(planes, planeStride, words, points, counts);
                break;
            default:
                Count<Constant.Six>(planes, planeStride, words, points, counts);
                break;
        }
    }

    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Count<TDigits>(ReadOnlySpan<uint> planes, int planeStride, int words, int points, Span<long> counts)
        where TDigits : struct, IConstant
    {
        Span<Vector256<uint>> digits = stackalloc Vector256<uint>[MaxDigits];
        Span<Vector256<uint>> lows = stackalloc Vector256<uint>[8];
        Span<Vector256<uint>> highs = stackalloc Vector256<uint>[8];
        Span<Vector256<ulong>> leaves = stackalloc Vector256<ulong>[points + 2];
        Span<ulong> sums = stackalloc ulong[points + 2];
        sums.Clear();
        ref var first = ref MemoryMarshal.GetReference(planes);
        for (var w = 0; w < words; w += WordsPerVector)
        {
            var valid = words - w >= WordsPerVector ? Vector256<uint>.AllBitsSet : ValidWords(words - w);
            var nonUniform = Tally<TDigits>(ref Unsafe.Add(ref first, w), (nuint)planeStride, points, digits);

            // The uniform columns by their count of ones: the count's three low digits and its high digits each
            // split the columns eight ways, and the columns with k ones are highs[k / 8] & lows[k % 8].
            Split(Vector256<uint>.AllBitsSet, digits[0], digits[1], digits[2], lows);
            Split(Vector256.AndNot(valid, nonUniform), digits[3], digits[4], digits[5], highs);
            for (var k = 0; k <= points; k++)
            {
                leaves[k] = (highs[k >> 3] & lows[k & 7]).AsUInt64();
            }

            leaves[points + 1] = (valid & nonUniform).AsUInt64();

            // Population counts from memory: four 64-bit counts a leaf, no extraction of vector lanes.
            ref var leafWords = ref Unsafe.As<Vector256<ulong>, ulong>(ref MemoryMarshal.GetReference(leaves));
            for (var k = 0; k < points + 2; k++)
            {
                ref var q = ref Unsafe.Add(ref leafWords, 4 * k);
                sums[k] += (ulong)(BitOperations.PopCount(q) + BitOperations.PopCount(Unsafe.Add(ref q, 1)) + BitOperations.PopCount(Unsafe.Add(ref q, 2)) + BitOperations.PopCount(Unsafe.Add(ref q, 3)));
            }
        }

        for (var code = 0; code < points + 2; code++)
        {
            counts[code] += (long)sums[code];
        }
    }

    /// <summary>
    /// <see cref="Count(ReadOnlySpan{uint}, int, int, int, Span{long})"/> for P = 8, the most common operator (8:1, 8:2):
    /// the split and the population counts unrolled, the sums in registers. The count of ones has four digits and only
    /// 8 sets the fourth, whose three low digits are clear: the columns split by the low three digits count 0 and 8
    /// together, the fourth digit counts 8 alone, and the non-uniform columns are the valid ones left over.
    /// </summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CountEight(ReadOnlySpan<uint> planes, int planeStride, int words, Span<long> counts)
    {
        const int Points = 8;
        Span<Vector256<uint>> digits = stackalloc Vector256<uint>[MaxDigits];
        Span<Vector256<ulong>> leaves = stackalloc Vector256<ulong>[Points + 1];
        var parts = MemoryMarshal.Cast<Vector256<ulong>, Vector256<uint>>(leaves);
        ref var leaf = ref MemoryMarshal.GetReference(leaves);
        ref var first = ref MemoryMarshal.GetReference(planes);
        ulong zeroOrEight = 0, one = 0, two = 0, three = 0, four = 0, five = 0, six = 0, seven = 0, eight = 0;
        for (var w = 0; w < words; w += WordsPerVector)
        {
            var valid = words - w >= WordsPerVector ? Vector256<uint>.AllBitsSet : ValidWords(words - w);
            var uniform = Vector256.AndNot(valid, Tally<Constant.Four>(ref Unsafe.Add(ref first, w), (nuint)planeStride, Points, digits));
            Split(uniform, digits[0], digits[1], digits[2], parts);
            Unsafe.Add(ref leaf, Points) = (uniform & digits[3]).AsUInt64();
            zeroOrEight += Ones(ref leaf, 0);
            one += Ones(ref leaf, 1);
            two += Ones(ref leaf, 2);
            three += Ones(ref leaf, 3);
            four += Ones(ref leaf, 4);
            five += Ones(ref leaf, 5);
            six += Ones(ref leaf, 6);
            seven += Ones(ref leaf, 7);
            eight += Ones(ref leaf, 8);
        }

        var uniformColumns = zeroOrEight + one + two + three + four + five + six + seven;
        counts[0] += (long)(zeroOrEight - eight);
        counts[1] += (long)one;
        counts[2] += (long)two;
        counts[3] += (long)three;
        counts[4] += (long)four;
        counts[5] += (long)five;
        counts[6] += (long)six;
        counts[7] += (long)seven;
        counts[Points] += (long)eight;
        counts[Points + 1] += ((long)words * SampleLanes.PlaneColumns) - (long)uniformColumns;
    }

    /// <summary>The set bits of vector <paramref name="index"/> from <paramref name="leaf"/>: four 64-bit counts from memory.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Ones(ref Vector256<ulong> leaf, int index)
    {
        ref var q = ref Unsafe.As<Vector256<ulong>, ulong>(ref Unsafe.Add(ref leaf, index));
        return (ulong)(BitOperations.PopCount(q) + BitOperations.PopCount(Unsafe.Add(ref q, 1)) + BitOperations.PopCount(Unsafe.Add(ref q, 2)) + BitOperations.PopCount(Unsafe.Add(ref q, 3)));
    }

    /// <summary>The columns of <paramref name="columns"/> split eight ways by three digits: part j has the digits of j (d0 lowest).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Split(Vector256<uint> columns, Vector256<uint> d0, Vector256<uint> d1, Vector256<uint> d2, Span<Vector256<uint>> parts)
    {
        var with2 = columns & d2;
        var without2 = Vector256.AndNot(columns, d2);
        var p11 = with2 & d1;
        var p10 = Vector256.AndNot(with2, d1);
        var p01 = without2 & d1;
        var p00 = Vector256.AndNot(without2, d1);
        parts[0] = Vector256.AndNot(p00, d0);
        parts[1] = p00 & d0;
        parts[2] = Vector256.AndNot(p01, d0);
        parts[3] = p01 & d0;
        parts[4] = Vector256.AndNot(p10, d0);
        parts[5] = p10 & d0;
        parts[6] = Vector256.AndNot(p11, d0);
        parts[7] = p11 & d0;
    }

    /// <summary>Binary digits of a count of up to 32 ones.</summary>
    private const int MaxDigits = 6;

    /// <summary>All bits of the first <paramref name="count"/> words.</summary>
    private static Vector256<uint> ValidWords(int count) =>
        Vector256.GreaterThan(Vector256.Create((uint)count), Vector256.Create(0u, 1, 2, 3, 4, 5, 6, 7));

    /// <summary>
    /// One pass over a vector of the planes: the columns with more than two changes between neighbours (returned),
    /// and the binary digits of every column's number of ones (into <paramref name="digits"/>), all in registers.
    /// The ones are added two planes at a time, a full adder into the lowest digit and its carry rippled up.
    /// </summary>
    private static Vector256<uint> Tally<TDigits>(ref uint plane0, nuint stride, int points, Span<Vector256<uint>> digits)
        where TDigits : struct, IConstant
    {
        var previous = Vector256.LoadUnsafe(ref plane0);
        var d0 = previous;
        var d1 = Vector256<uint>.Zero;
        var d2 = Vector256<uint>.Zero;
        var d3 = Vector256<uint>.Zero;
        var d4 = Vector256<uint>.Zero;
        var d5 = Vector256<uint>.Zero;
        var one = Vector256<uint>.Zero;
        var two = Vector256<uint>.Zero;
        var three = Vector256<uint>.Zero;
        var i = 1;
        var offset = stride;
        for (; i + 1 < points; i += 2, offset += 2 * stride)
        {
            var a = Vector256.LoadUnsafe(ref plane0, offset);
            var b = Vector256.LoadUnsafe(ref plane0, offset + stride);
            var change = previous ^ a;
            three |= two & change;
            two |= one & change;
            one |= change;
            var ab = a ^ b;
            three |= two & ab;
            two |= one & ab;
            one |= ab;
            previous = b;

            var carry = (a & b) | (d0 & ab);
            d0 ^= ab;
            AddTwos<TDigits>(carry, ref d1, ref d2, ref d3, ref d4, ref d5);
        }

        if (i < points)
        {
            var a = Vector256.LoadUnsafe(ref plane0, offset);
            var change = previous ^ a;
            three |= two & change;
            var carry = d0 & a;
            d0 ^= a;
            AddTwos<TDigits>(carry, ref d1, ref d2, ref d3, ref d4, ref d5);
        }

        digits[0] = d0;
        digits[1] = d1;
        digits[2] = d2;
        digits[3] = d3;
        digits[4] = d4;
        digits[5] = d5;
        return three;
    }

    /// <summary>
    /// Adds a carry of weight two to the count's digits d1 up to the top one <typeparamref name="TDigits"/> has (a
    /// ripple; the count never exceeds P, so the top digit takes the last carry without overflowing).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddTwos<TDigits>(Vector256<uint> carry, ref Vector256<uint> d1, ref Vector256<uint> d2, ref Vector256<uint> d3, ref Vector256<uint> d4, ref Vector256<uint> d5)
        where TDigits : struct, IConstant
    {
        if (TDigits.Value == 3)
        {
            d2 |= d1 & carry;
            d1 ^= carry;
            return;
        }

        var next = d1 & carry;
        d1 ^= carry;
        if (TDigits.Value == 4)
        {
            d3 |= d2 & next;
            d2 ^= next;
            return;
        }

        carry = d2 & next;
        d2 ^= next;
        if (TDigits.Value == 5)
        {
            d4 |= d3 & carry;
            d3 ^= carry;
            return;
        }

        next = d3 & carry;
        d3 ^= carry;
        carry = d4 & next;
        d4 ^= next;
        d5 |= carry;
    }
}
