using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
    /// computed bit-parallel in 32-bit lanes, then the same select.
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
                var changes = PopCount((pattern ^ Vector256.ShiftRightLogical(pattern, 1)) & mask);
                Vector256.ConditionalSelect(Vector256.GreaterThan(changes, Vector256.Create(2u)), other, ones).AsInt32().StoreUnsafe(ref destination, (nuint)c);
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> PopCount(Vector256<uint> x)
    {
        x -= Vector256.ShiftRightLogical(x, 1) & Vector256.Create(0x55555555u);
        x = (x & Vector256.Create(0x33333333u)) + (Vector256.ShiftRightLogical(x, 2) & Vector256.Create(0x33333333u));
        x = (x + Vector256.ShiftRightLogical(x, 4)) & Vector256.Create(0x0F0F0F0Fu);
        return Vector256.ShiftRightLogical(x * Vector256.Create(0x01010101u), 24);
    }
}
