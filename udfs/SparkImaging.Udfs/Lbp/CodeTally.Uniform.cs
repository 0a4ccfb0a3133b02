using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace SparkImaging.Udfs.Lbp;

/// <content>
/// The tally of 'uniform' byte patterns without VBMI: the code of each byte is computed rather than looked up,
/// <c>changes ≤ 2 ? ones : P + 1</c> with <c>ones = popcount(p)</c> and <c>changes = popcount((p ^ p &gt;&gt; 1) &amp;
/// (2^(P−1) − 1))</c>, exactly as <see cref="LbpCodeMap"/> builds its table; each popcount is two 16-entry table
/// shuffles, one per nibble (<c>vpshufb</c> with AVX2 or SSSE3, <c>tbl</c> with AdvSimd). Bytes are shifted as 16-bit
/// words: the bit that crosses from the next byte is cleared by the mask that follows each shift.
/// </content>
internal static partial class CodeTally
{
    /// <summary>Bytes per vector of the uniform tally on this machine, 0 when it has no byte shuffle.</summary>
    private static int UniformLanes =>
        Vector256.IsHardwareAccelerated && Avx2.IsSupported ? Vector256<byte>.Count
        : Vector128.IsHardwareAccelerated && (Ssse3.IsSupported || AdvSimd.Arm64.IsSupported) ? Vector128<byte>.Count
        : 0;

    /// <summary><see cref="Count"/> for uniform byte patterns of <paramref name="points"/> points, in the widest vectors with a byte shuffle.</summary>
    private static int CountUniform(Span<byte> patterns, int points, Span<long> state) => UniformLanes switch
    {
        32 => CountUniform<Vector256<byte>, UniformAvx2>(patterns, points, state),
        16 => CountUniform<Vector128<byte>, UniformVector128>(patterns, points, state),
        _ => 0,
    };

    /// <summary>
    /// Tallies the first n bytes of <paramref name="codes"/>, each already a code below <paramref name="codeCount"/>, n
    /// the largest multiple of this machine's byte vector (0 without a byte shuffle, see <see cref="UniformLanes"/>), into
    /// <paramref name="state"/> (<see cref="StateLength"/> of <paramref name="codeCount"/>, folded by <see cref="Fold"/>);
    /// returns n. For codes computed elsewhere: the uniform codes of P &gt; 8 (<see cref="UniformCodes.FillBytes"/>).
    /// </summary>
    public static int CountCodes(ReadOnlySpan<byte> codes, int codeCount, Span<long> state)
    {
        if (codeCount < 1 || codeCount > MaxComputedCodes || state.Length < StateLength(codeCount))
        {
            ThrowInvalid(codeCount, 0);
        }

        return UniformLanes switch
        {
            32 => CountCodes<Vector256<byte>, UniformAvx2>(codes, codeCount, state),
            16 => CountCodes<Vector128<byte>, UniformVector128>(codes, codeCount, state),
            _ => 0,
        };
    }

    /// <summary>Whether <see cref="CountCodes(ReadOnlySpan{byte}, int, Span{long})"/> tallies on this machine.</summary>
    public static bool CountsCodes => UniformLanes > 0;

    private static int CountCodes<TVector, TLanes>(ReadOnlySpan<byte> codes, int codeCount, Span<long> state)
        where TVector : struct
        where TLanes : struct, IUniformLanes<TVector>
    {
        var lanes = TLanes.Count;
        var n = codes.Length & -lanes;
        ref var source = ref MemoryMarshal.GetReference(codes);
        ref var sums = ref MemoryMarshal.GetReference(state);
        for (var start = 0; start < n; start += ChunkVectors * lanes)
        {
            TallyChunk<TVector, TLanes>(ref Unsafe.Add(ref source, start), (nuint)Math.Min(ChunkVectors * lanes, n - start), codeCount, ref sums);
        }

        return n;
    }

    private static int CountUniform<TVector, TLanes>(Span<byte> patterns, int points, Span<long> state)
        where TVector : struct
        where TLanes : struct, IUniformLanes<TVector>
    {
        var lanes = TLanes.Count;
        var n = patterns.Length & -lanes;

        // scikit-image counts changes between neighbours 0..P−1, without the pair that wraps around.
        var neighbours = TLanes.Create((byte)((1 << (points - 1)) - 1));
        var other = TLanes.Create((byte)(points + 1));
        ref var source = ref MemoryMarshal.GetReference(patterns);
        ref var sums = ref MemoryMarshal.GetReference(state);
        for (var start = 0; start < n; start += ChunkVectors * lanes)
        {
            // Codes in place of the chunk's patterns, then counted code by code while the chunk is in L1.
            var length = (nuint)Math.Min(ChunkVectors * lanes, n - start);
            ref var chunkCodes = ref Unsafe.Add(ref source, start);
            var step = (nuint)lanes;
            for (nuint v = 0; v < length; v += step)
            {
                TLanes.Store(TLanes.Codes(TLanes.Load(ref chunkCodes, v), neighbours, other), ref chunkCodes, v);
            }

            TallyChunk<TVector, TLanes>(ref chunkCodes, length, points + 2, ref sums);
        }

        return n;
    }

    /// <summary>
    /// Counts the codes of one chunk (a whole number of vectors, at most <see cref="ChunkVectors"/>) code by code in byte
    /// counters; the last code's slot gets the chunk's length (see <see cref="Fold"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TallyChunk<TVector, TLanes>(ref byte chunkCodes, nuint length, int codes, ref long sums)
        where TVector : struct
        where TLanes : struct, IUniformLanes<TVector>
    {
        var step = (nuint)TLanes.Count;
        for (var code = 0; code < codes - 1; code++)
        {
            var target = TLanes.Create((byte)code);
            var counters = TLanes.Create(0);
            nuint v = 0;
            for (; v + (4 * step) <= length; v += 4 * step)
            {
                counters = TLanes.CountEqual(counters, TLanes.Load(ref chunkCodes, v), target);
                counters = TLanes.CountEqual(counters, TLanes.Load(ref chunkCodes, v + step), target);
                counters = TLanes.CountEqual(counters, TLanes.Load(ref chunkCodes, v + (2 * step)), target);
                counters = TLanes.CountEqual(counters, TLanes.Load(ref chunkCodes, v + (3 * step)), target);
            }

            for (; v < length; v += step)
            {
                counters = TLanes.CountEqual(counters, TLanes.Load(ref chunkCodes, v), target);
            }

            Unsafe.Add(ref sums, code * SumsPerCode) += TLanes.Sum(counters);
        }

        // The last code's slot holds the number of codes tallied.
        Unsafe.Add(ref sums, (codes - 1) * SumsPerCode) += (long)length;
    }

    /// <summary>Population counts of the sixteen nibbles, the shuffles' table.</summary>
    private static Vector128<byte> NibbleOnes => Vector128.Create((byte)0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);

    /// <summary>The uniform tally's operations per vector width.</summary>
    private interface IUniformLanes<TVector>
        where TVector : struct
    {
        static abstract int Count { get; }

        static abstract TVector Create(byte value);

        static abstract TVector Load(ref byte source, nuint offset);

        static abstract void Store(TVector value, ref byte destination, nuint offset);

        /// <summary>The uniform code of each byte pattern: <c>changes ≤ 2 ? ones : other</c>, changes counted within <paramref name="neighbours"/>.</summary>
        static abstract TVector Codes(TVector patterns, TVector neighbours, TVector other);

        /// <summary>Counters plus one where the code is the target (the all-ones compare subtracted).</summary>
        static abstract TVector CountEqual(TVector counters, TVector codes, TVector target);

        /// <summary>The sum of the byte counters (each at most <see cref="ChunkVectors"/>).</summary>
        static abstract long Sum(TVector counters);
    }

    /// <summary>AVX2: 32 bytes, the nibble table in both 128-bit lanes (<c>vpshufb</c> looks up within a lane).</summary>
    private readonly struct UniformAvx2 : IUniformLanes<Vector256<byte>>
    {
        public static int Count => Vector256<byte>.Count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<byte> Create(byte value) => Vector256.Create(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<byte> Load(ref byte source, nuint offset) => Vector256.LoadUnsafe(ref source, offset);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(Vector256<byte> value, ref byte destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<byte> Codes(Vector256<byte> patterns, Vector256<byte> neighbours, Vector256<byte> other)
        {
            var table = Vector256.Create(NibbleOnes, NibbleOnes);
            var changes = (patterns ^ Vector256.ShiftRightLogical(patterns.AsUInt16(), 1).AsByte()) & neighbours;
            var ones = Ones(table, patterns);
            return Vector256.ConditionalSelect(Vector256.GreaterThan(Ones(table, changes).AsSByte(), Vector256.Create((sbyte)2)).AsByte(), other, ones);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<byte> CountEqual(Vector256<byte> counters, Vector256<byte> codes, Vector256<byte> target) =>
            counters - Vector256.Equals(codes, target);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static long Sum(Vector256<byte> counters) => Vector256.Sum(Vector256.WidenLower(counters) + Vector256.WidenUpper(counters));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<byte> Ones(Vector256<byte> table, Vector256<byte> bytes)
        {
            var nibble = Vector256.Create((byte)0x0F);
            return Avx2.Shuffle(table, bytes & nibble) + Avx2.Shuffle(table, Vector256.ShiftRightLogical(bytes.AsUInt16(), 4).AsByte() & nibble);
        }
    }

    /// <summary>128-bit vectors: SSSE3 <c>pshufb</c> or AdvSimd <c>tbl</c>, the portable shuffle elsewhere (not taken: see <see cref="UniformLanes"/>).</summary>
    private readonly struct UniformVector128 : IUniformLanes<Vector128<byte>>
    {
        public static int Count => Vector128<byte>.Count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<byte> Create(byte value) => Vector128.Create(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<byte> Load(ref byte source, nuint offset) => Vector128.LoadUnsafe(ref source, offset);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(Vector128<byte> value, ref byte destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<byte> Codes(Vector128<byte> patterns, Vector128<byte> neighbours, Vector128<byte> other)
        {
            var changes = (patterns ^ Vector128.ShiftRightLogical(patterns.AsUInt16(), 1).AsByte()) & neighbours;
            var ones = Ones(patterns);
            return Vector128.ConditionalSelect(Vector128.GreaterThan(Ones(changes).AsSByte(), Vector128.Create((sbyte)2)).AsByte(), other, ones);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<byte> CountEqual(Vector128<byte> counters, Vector128<byte> codes, Vector128<byte> target) =>
            counters - Vector128.Equals(codes, target);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static long Sum(Vector128<byte> counters) => Vector128.Sum(Vector128.WidenLower(counters) + Vector128.WidenUpper(counters));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector128<byte> Ones(Vector128<byte> bytes)
        {
            var nibble = Vector128.Create((byte)0x0F);
            return Lookup(bytes & nibble) + Lookup(Vector128.ShiftRightLogical(bytes.AsUInt16(), 4).AsByte() & nibble);
        }

        /// <summary>The nibble table at each index (every index below 16).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector128<byte> Lookup(Vector128<byte> indices)
        {
            if (Ssse3.IsSupported)
            {
                return Ssse3.Shuffle(NibbleOnes, indices);
            }

            return AdvSimd.Arm64.IsSupported ? AdvSimd.Arm64.VectorTableLookup(NibbleOnes, indices) : Vector128.Shuffle(NibbleOnes, indices);
        }
    }
}
