using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SparkImaging.Udfs.Lbp;

/// <summary>
/// Counts byte patterns (P ≤ 8) by code in vectors, for methods with at most <see cref="MaxCodes"/> codes (uniform):
/// 64 patterns are mapped to their codes by one 256-byte table lookup (VBMI), then for each code the lanes equal to
/// it are subtracted from byte counters, which are summed into 64-bit sums before they can overflow. The last code
/// is not compared at all: its count is the pixels counted minus the others'.
/// </summary>
internal static class CodeTally
{
    /// <summary>The most codes a tally takes: beyond this, a compare per code costs more than a scalar increment per pixel.</summary>
    public const int MaxCodes = 16;

    /// <summary>Vectors of codes between two flushes of the byte counters: at most 255, one count per vector each.</summary>
    private const int ChunkVectors = 64;

    private const int Lanes = 64;

    /// <summary>Whether this machine runs the tally (else patterns are counted one by one).</summary>
    public static bool IsSupported => Vector512.IsHardwareAccelerated && Avx512Vbmi.IsSupported;

    /// <summary>Longs of state a tally of <paramref name="codes"/> codes keeps: eight partial sums per code.</summary>
    public static int StateLength(int codes) => codes * Vector512<long>.Count;

    /// <summary>
    /// Tallies the first n patterns, n the largest multiple of 64, into <paramref name="state"/>
    /// (<see cref="StateLength"/>, cleared before the first call), overwriting them with their codes; returns n.
    /// <paramref name="table"/>: the code of each of the 256 byte patterns, every code below <paramref name="codes"/>.
    /// </summary>
    public static int Count(Span<byte> patterns, ReadOnlySpan<byte> table, int codes, Span<long> state)
    {
        var n = patterns.Length & -Lanes;
        if (n == 0)
        {
            return 0;
        }

        if (table.Length < 256 || codes < 1 || codes > MaxCodes || state.Length < StateLength(codes))
        {
            ThrowInvalid(codes);
        }

        ref var tableStart = ref MemoryMarshal.GetReference(table);
        var table0 = Vector512.LoadUnsafe(ref tableStart);
        var table1 = Vector512.LoadUnsafe(ref tableStart, 64);
        var table2 = Vector512.LoadUnsafe(ref tableStart, 128);
        var table3 = Vector512.LoadUnsafe(ref tableStart, 192);
        ref var source = ref MemoryMarshal.GetReference(patterns);
        ref var sums = ref MemoryMarshal.GetReference(state);
        for (var start = 0; start < n; start += ChunkVectors * Lanes)
        {
            // Codes in place of the chunk's patterns, then counted code by code while the chunk is in L1.
            var length = (nuint)Math.Min(ChunkVectors * Lanes, n - start);
            ref var chunkCodes = ref Unsafe.Add(ref source, start);
            for (nuint v = 0; v < length; v += Lanes)
            {
                // The low seven bits index a 128-byte half of the table, the top bit picks the half.
                var pattern = Vector512.LoadUnsafe(ref chunkCodes, v);
                var low = Avx512Vbmi.PermuteVar64x8x2(table0, pattern, table1);
                var high = Avx512Vbmi.PermuteVar64x8x2(table2, pattern, table3);
                Vector512.ConditionalSelect(Vector512.LessThan(pattern.AsSByte(), Vector512<sbyte>.Zero).AsByte(), high, low).StoreUnsafe(ref chunkCodes, v);
            }

            for (var code = 0; code < codes - 1; code++)
            {
                var target = Vector512.Create((byte)code);
                var counters = Vector512<byte>.Zero;
                nuint v = 0;
                for (; v + (4 * Lanes) <= length; v += 4 * Lanes)
                {
                    counters = CountEqual(counters, Vector512.LoadUnsafe(ref chunkCodes, v), target);
                    counters = CountEqual(counters, Vector512.LoadUnsafe(ref chunkCodes, v + Lanes), target);
                    counters = CountEqual(counters, Vector512.LoadUnsafe(ref chunkCodes, v + (2 * Lanes)), target);
                    counters = CountEqual(counters, Vector512.LoadUnsafe(ref chunkCodes, v + (3 * Lanes)), target);
                }

                for (; v < length; v += Lanes)
                {
                    counters = CountEqual(counters, Vector512.LoadUnsafe(ref chunkCodes, v), target);
                }

                ref var sum = ref Unsafe.Add(ref sums, code * Vector512<long>.Count);
                (Vector512.LoadUnsafe(ref sum) + Avx512BW.SumAbsoluteDifferences(counters, Vector512<byte>.Zero).AsInt64()).StoreUnsafe(ref sum);
            }

            // The last code's slot holds the number of patterns tallied.
            Unsafe.Add(ref sums, (codes - 1) * Vector512<long>.Count) += (long)length;
        }

        return n;
    }

    // Out of line, so that the string formatting stays out of the hot method.
    [DoesNotReturn]
    private static void ThrowInvalid(int codes) =>
        throw new ArgumentException($"A tally of {codes} codes needs a 256-entry table and {StateLength(codes)} longs of state.");

    /// <summary>Counters plus one where the code is the target: a compare and a masked add with AVX-512's embedded masks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> CountEqual(Vector512<byte> counters, Vector512<byte> codes, Vector512<byte> target) =>
        Vector512.ConditionalSelect(Vector512.Equals(codes, target), counters + Vector512<byte>.One, counters);

    /// <summary>Adds the tallied counts of the codes in <paramref name="state"/> to <paramref name="counts"/>.</summary>
    public static void Fold(ReadOnlySpan<long> state, int codes, Span<long> counts)
    {
        var total = state[(codes - 1) * Vector512<long>.Count];
        for (var code = 0; code < codes - 1; code++)
        {
            var count = 0L;
            foreach (var part in state.Slice(code * Vector512<long>.Count, Vector512<long>.Count))
            {
                count += part;
            }

            counts[code] += count;
            total -= count;
        }

        counts[codes - 1] += total;
    }
}
