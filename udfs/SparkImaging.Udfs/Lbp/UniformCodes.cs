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
                Codes(ref source, (nuint)c, mask, other).AsInt32().StoreUnsafe(ref destination, (nuint)c);
            }
        }

        for (; c < patterns.Length; c++)
        {
            codes[c] = Of(patterns[c]);
        }
    }

    /// <summary>
    /// <see cref="Of"/> of the first n patterns (P ≤ 32) as bytes, for <see cref="CodeTally.CountCodes"/>: 32 at a
    /// time with 256-bit vectors, else 16 with 128-bit ones (ARM64 too); returns n, 0 without vectors.
    /// </summary>
    public int FillBytes(ReadOnlySpan<ulong> patterns, Span<byte> codes)
    {
        var c = 0;
        var n = Math.Min(patterns.Length, codes.Length);
        ref var source = ref MemoryMarshal.GetReference(patterns);
        ref var destination = ref MemoryMarshal.GetReference(codes);
        if (Vector256.IsHardwareAccelerated)
        {
            var mask = Vector256.Create((uint)neighbours);
            var other = Vector256.Create((uint)(points + 1));
            var step = Vector256<uint>.Count;
            for (; c + (4 * step) <= n; c += 4 * step)
            {
                // Codes are at most 33: the narrowing steps keep them whole.
                var low = Vector256.Narrow(Codes(ref source, (nuint)c, mask, other), Codes(ref source, (nuint)(c + step), mask, other));
                var high = Vector256.Narrow(Codes(ref source, (nuint)(c + (2 * step)), mask, other), Codes(ref source, (nuint)(c + (3 * step)), mask, other));
                Vector256.Narrow(low, high).StoreUnsafe(ref destination, (nuint)c);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            var mask = Vector128.Create((uint)neighbours);
            var other = Vector128.Create((uint)(points + 1));
            var step = Vector128<uint>.Count;
            for (; c + (4 * step) <= n; c += 4 * step)
            {
                var low = Vector128.Narrow(Codes(ref source, (nuint)c, mask, other), Codes(ref source, (nuint)(c + step), mask, other));
                var high = Vector128.Narrow(Codes(ref source, (nuint)(c + (2 * step)), mask, other), Codes(ref source, (nuint)(c + (3 * step)), mask, other));
                Vector128.Narrow(low, high).StoreUnsafe(ref destination, (nuint)c);
            }
        }

        return c;
    }

    /// <summary>The codes of the eight patterns from <paramref name="offset"/>: at most two changes when clearing the lowest set bit twice leaves nothing (no second popcount).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Codes(ref ulong source, nuint offset, Vector256<uint> mask, Vector256<uint> other)
    {
        var pattern = Vector256.Narrow(Vector256.LoadUnsafe(ref source, offset), Vector256.LoadUnsafe(ref source, offset + (nuint)Vector256<ulong>.Count));
        var changes = (pattern ^ Vector256.ShiftRightLogical(pattern, 1)) & mask;
        var afterOne = changes & (changes - Vector256<uint>.One);
        var uniform = Vector256.Equals(afterOne & (afterOne - Vector256<uint>.One), Vector256<uint>.Zero);
        return Vector256.ConditionalSelect(uniform, PopCount(pattern), other);
    }

    /// <summary><see cref="Codes(ref ulong, nuint, Vector256{uint}, Vector256{uint})"/> of four patterns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<uint> Codes(ref ulong source, nuint offset, Vector128<uint> mask, Vector128<uint> other)
    {
        var pattern = Vector128.Narrow(Vector128.LoadUnsafe(ref source, offset), Vector128.LoadUnsafe(ref source, offset + (nuint)Vector128<ulong>.Count));
        var changes = (pattern ^ Vector128.ShiftRightLogical(pattern, 1)) & mask;
        var afterOne = changes & (changes - Vector128<uint>.One);
        var uniform = Vector128.Equals(afterOne & (afterOne - Vector128<uint>.One), Vector128<uint>.Zero);
        return Vector128.ConditionalSelect(uniform, PopCount(pattern), other);
    }

    /// <summary>Ones per 32-bit lane, bit-parallel (no byte shuffle in the portable API; AdvSimd's count is per byte).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<uint> PopCount(Vector128<uint> x)
    {
        x -= Vector128.ShiftRightLogical(x, 1) & Vector128.Create(0x55555555u);
        x = (x & Vector128.Create(0x33333333u)) + (Vector128.ShiftRightLogical(x, 2) & Vector128.Create(0x33333333u));
        x = (x + Vector128.ShiftRightLogical(x, 4)) & Vector128.Create(0x0F0F0F0Fu);
        return Vector128.ShiftRightLogical(x * Vector128.Create(0x01010101u), 24);
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
