using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SparkImaging.Udfs.Lbp;

/// <content>
/// The AVX-512 VBMI tally, for any table: 64 patterns are mapped to their codes by one 256-byte table lookup, then for
/// each code the lanes equal to it are counted in byte counters, summed into eight 64-bit sums per code before they
/// can overflow.
/// </content>
internal static partial class CodeTally
{
    private const int VbmiLanes = 64;

    private static bool VbmiSupported => Vector512.IsHardwareAccelerated && Avx512Vbmi.IsSupported;

    /// <summary><see cref="Count"/> with VBMI: n the largest multiple of 64.</summary>
    private static int CountVbmi(Span<byte> patterns, ReadOnlySpan<byte> table, int codes, Span<long> state)
    {
        const int Lanes = VbmiLanes;
        var n = patterns.Length & -Lanes;
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

                ref var sum = ref Unsafe.Add(ref sums, code * SumsPerCode);
                (Vector512.LoadUnsafe(ref sum) + Avx512BW.SumAbsoluteDifferences(counters, Vector512<byte>.Zero).AsInt64()).StoreUnsafe(ref sum);
            }

            // The last code's slot holds the number of patterns tallied.
            Unsafe.Add(ref sums, (codes - 1) * SumsPerCode) += (long)length;
        }

        return n;
    }

    /// <summary>Counters plus one where the code is the target: a compare and a masked add with AVX-512's embedded masks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> CountEqual(Vector512<byte> counters, Vector512<byte> codes, Vector512<byte> target) =>
        Vector512.ConditionalSelect(Vector512.Equals(codes, target), counters + Vector512<byte>.One, counters);
}
