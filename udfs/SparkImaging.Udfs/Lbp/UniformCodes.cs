using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SparkImaging.Udfs.Lbp;

/// <summary>
/// The <c>uniform</c> code computed inline, for P too large for a table: the number of ones when at most two
/// neighbours 0..P−1 differ (scikit-image ignores the wrap-around pair), else P + 1.
/// </summary>
internal readonly struct UniformCodes(int points) : ICodes
{
    private readonly ulong neighbours = points == 1 ? 0UL : (1UL << (points - 1)) - 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Of(ulong pattern)
    {
        var ones = BitOperations.PopCount(pattern);
        var changes = BitOperations.PopCount((pattern ^ (pattern >> 1)) & neighbours);

        // Arithmetic, not a branch (the JIT emits a conditional jump for ?:): on textures uniform and non-uniform
        // pixels alternate unpredictably. The mask is all ones exactly when changes > 2.
        var nonUniform = (2 - changes) >> 31;
        return ones ^ ((ones ^ (points + 1)) & nonUniform);
    }

    /// <summary>
    /// <see cref="Of"/> of every pattern (P ≤ 32), sixteen or eight at a time in vectors: the population counts are
    /// computed in 32-bit lanes (with AVX2 by nibble shuffles, and at most two changes tested by clearing the lowest set bit twice), then the same select.
    /// </summary>
    public void Fill(ReadOnlySpan<ulong> patterns, Span<int> codes)
    {
        var c = 0;
        ref var source = ref MemoryMarshal.GetReference(patterns);
        ref var destination = ref MemoryMarshal.GetReference(codes);
        if (Vector512.IsHardwareAccelerated)
        {
            var mask = Vector512.Create((uint)neighbours);
            var other = Vector512.Create((uint)(points + 1));
            for (; c + Vector512<uint>.Count <= patterns.Length; c += Vector512<uint>.Count)
            {
                var pattern = Vector512.Narrow(Vector512.LoadUnsafe(ref source, (nuint)c), Vector512.LoadUnsafe(ref source, (nuint)(c + Vector512<ulong>.Count)));
                var ones = PopCount(pattern);
                var changes = PopCount((pattern ^ Vector512.ShiftRightLogical(pattern, 1)) & mask);
                Vector512.ConditionalSelect(Vector512.GreaterThan(changes, Vector512.Create(2u)), other, ones).AsInt32().StoreUnsafe(ref destination, (nuint)c);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var mask = Vector256.Create((uint)neighbours);
            var other = Vector256.Create((uint)(points + 1));
            for (; c + Vector256<uint>.Count <= patterns.Length; c += Vector256<uint>.Count)
            {
                var pattern = Vector256.Narrow(Vector256.LoadUnsafe(ref source, (nuint)c), Vector256.LoadUnsafe(ref source, (nuint)(c + Vector256<ulong>.Count)));
                var ones = PopCount(pattern);

                // At most two changes: clearing the lowest set bit twice leaves nothing (no second popcount).
                var changes = (pattern ^ Vector256.ShiftRightLogical(pattern, 1)) & mask;
                var afterOne = changes & (changes - Vector256<uint>.One);
                var uniform = Vector256.Equals(afterOne & (afterOne - Vector256<uint>.One), Vector256<uint>.Zero);
                Vector256.ConditionalSelect(uniform, ones, other).AsInt32().StoreUnsafe(ref destination, (nuint)c);
            }
        }

        for (; c < patterns.Length; c++)
        {
            codes[c] = Of(patterns[c]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> PopCount(Vector512<uint> x)
    {
        x -= Vector512.ShiftRightLogical(x, 1) & Vector512.Create(0x55555555u);
        x = (x & Vector512.Create(0x33333333u)) + (Vector512.ShiftRightLogical(x, 2) & Vector512.Create(0x33333333u));
        x = (x + Vector512.ShiftRightLogical(x, 4)) & Vector512.Create(0x0F0F0F0Fu);
        return Vector512.ShiftRightLogical(x * Vector512.Create(0x01010101u), 24);
    }

    /// <summary>Ones per 32-bit lane: with AVX2 a nibble table shuffled per byte, summed by two multiply-adds; else bit-parallel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> PopCount(Vector256<uint> x)
    {
        if (Avx2.IsSupported)
        {
            var table = Vector256.Create((byte)0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4, 0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);
            var nibble = Vector256.Create((byte)0x0F);
            var bytes = Avx2.Shuffle(table, x.AsByte() & nibble) + Avx2.Shuffle(table, Vector256.ShiftRightLogical(x, 4).AsByte() & nibble);
            var pairs = Avx2.MultiplyAddAdjacent(bytes, Vector256.Create((sbyte)1));
            return Avx2.MultiplyAddAdjacent(pairs, Vector256.Create((short)1)).AsUInt32();
        }

        x -= Vector256.ShiftRightLogical(x, 1) & Vector256.Create(0x55555555u);
        x = (x & Vector256.Create(0x33333333u)) + (Vector256.ShiftRightLogical(x, 2) & Vector256.Create(0x33333333u));
        x = (x + Vector256.ShiftRightLogical(x, 4)) & Vector256.Create(0x0F0F0F0Fu);
        return Vector256.ShiftRightLogical(x * Vector256.Create(0x01010101u), 24);
    }
}
