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
    public static void Count(ReadOnlySpan<uint> planes, int planeStride, int words, int points, Span<long> counts)
    {
        if (points < 1 || points > LbpSpec.MaxPoints || planeStride % WordsPerVector != 0 || words > planeStride
            || planes.Length < points * planeStride || counts.Length < points + 2)
        {
            throw new ArgumentException($"Planes of {points} points, stride {planeStride}, {words} words and {counts.Length} bins do not fit.");
        }

        Span<Vector256<uint>> digits = stackalloc Vector256<uint>[MaxDigits];
        Span<Vector256<uint>> nodes = stackalloc Vector256<uint>[1 << MaxDigits];
        Span<ulong> sums = stackalloc ulong[points + 2];
        sums.Clear();
        var digitCount = Digits(points);
        ref var first = ref MemoryMarshal.GetReference(planes);
        for (var w = 0; w < words; w += WordsPerVector)
        {
            var valid = words - w >= WordsPerVector ? Vector256<uint>.AllBitsSet : ValidWords(words - w);
            var uniform = Vector256.AndNot(valid, Tally(ref Unsafe.Add(ref first, w), (nuint)planeStride, points, digits));
            sums[points + 1] += PopCount(Vector256.AndNot(valid, uniform));

            // The uniform columns split by the digits of their count, most significant first: node k of the last
            // level holds the columns with k ones.
            nodes[0] = uniform;
            var width = 1;
            for (var digit = digitCount - 1; digit >= 0; digit--)
            {
                var d = digits[digit];
                for (var k = width - 1; k >= 0; k--)
                {
                    var node = nodes[k];
                    nodes[(2 * k) + 1] = node & d;
                    nodes[2 * k] = Vector256.AndNot(node, d);
                }

                width *= 2;
            }

            for (var k = 0; k <= points; k++)
            {
                sums[k] += PopCount(nodes[k]);
            }
        }

        for (var code = 0; code < points + 2; code++)
        {
            counts[code] += (long)sums[code];
        }
    }

    /// <summary>Binary digits of a count of up to 32 ones.</summary>
    private const int MaxDigits = 6;

    /// <summary>Binary digits of a count of up to <paramref name="points"/> ones.</summary>
    private static int Digits(int points) => 32 - BitOperations.LeadingZeroCount((uint)points);

    /// <summary>All bits of the first <paramref name="count"/> words.</summary>
    private static Vector256<uint> ValidWords(int count) =>
        Vector256.GreaterThan(Vector256.Create((uint)count), Vector256.Create(0u, 1, 2, 3, 4, 5, 6, 7));

    /// <summary>
    /// One pass over a vector of the planes: the columns with more than two changes between neighbours (returned),
    /// and the binary digits of every column's number of ones (into <paramref name="digits"/>), all in registers.
    /// The ones are added two planes at a time, a full adder into the lowest digit and its carry rippled up.
    /// </summary>
    private static Vector256<uint> Tally(ref uint plane0, nuint stride, int points, Span<Vector256<uint>> digits)
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
            var next = d1 & carry;
            d1 ^= carry;
            carry = d2 & next;
            d2 ^= next;
            next = d3 & carry;
            d3 ^= carry;
            carry = d4 & next;
            d4 ^= next;
            d5 |= carry;
        }

        if (i < points)
        {
            var a = Vector256.LoadUnsafe(ref plane0, offset);
            var change = previous ^ a;
            three |= two & change;
            var carry = d0 & a;
            d0 ^= a;
            var next = d1 & carry;
            d1 ^= carry;
            carry = d2 & next;
            d2 ^= next;
            next = d3 & carry;
            d3 ^= carry;
            carry = d4 & next;
            d4 ^= next;
            d5 |= carry;
        }

        digits[0] = d0;
        digits[1] = d1;
        digits[2] = d2;
        digits[3] = d3;
        digits[4] = d4;
        digits[5] = d5;
        return three;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong PopCount(Vector256<uint> bits)
    {
        var words = bits.AsUInt64();
        return (ulong)(BitOperations.PopCount(words.GetElement(0)) + BitOperations.PopCount(words.GetElement(1))
            + BitOperations.PopCount(words.GetElement(2)) + BitOperations.PopCount(words.GetElement(3)));
    }
}
