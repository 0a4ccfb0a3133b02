using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SparkImaging.Udfs.Lbp;

/// <summary>
/// The refill of the single-precision ring (<see cref="RowInterpolations.Singles"/>) for one band row, the keys that
/// read the same two band columns in one pass: <c>ring[k][j] = (1 − dc_k)·band[Left + j] + dc_k·band[Left + j + Right]</c>,
/// the sum fused with its second product where the machine has FMA, with the operations of
/// <c>SampleLanes.Interpolations</c> for floats, so every value is the one it computed.
/// </summary>
/// <remarks>
/// Keys with the same ⌊cp⌋ differ only in their weight (24:3 has two such groups of three), and keys of adjacent
/// ⌊cp⌋ share a band vector. One key per pass loaded both band vectors for each key, half of those unaligned loads
/// crossing a cache line; a pass shares them: 24:3's ten keys take 9 loads per vector of columns instead of 20, 8:1's
/// two keys 3 instead of 4. The stores, one per key and column, remain (the ring lives in L2), and now weigh most.
/// <para>
/// Not done, measured: sharing one ring row between keys whose values coincide (24:3's ±1.5, both weights 0.5, three
/// columns apart) saved a tenth of the stores, but left the shifted key's reads in the pattern loop unaligned and was
/// no faster; unrolling a pass two vectors a step was no faster either.
/// </para>
/// </remarks>
internal static class RingRefill
{
    /// <summary>The most keys one pass keeps in registers (two weight vectors each).</summary>
    public const int MaxGroup = 4;

    /// <summary>
    /// Fills columns [<paramref name="from"/>, <paramref name="width"/>) of the ring rows that start at
    /// <paramref name="destinations"/> (one per key of the pass, at most <see cref="MaxGroup"/>) from the band row
    /// whose strip column 0 is at <paramref name="left"/>: the first <paramref name="low"/> keys read band columns
    /// <c>left + j</c> and <c>left + j + right</c>, the others (only with <paramref name="right"/> = 1) the next two,
    /// <c>left + j + 1</c> and <c>left + j + 2</c>. <paramref name="from"/> &lt; 0 fills columns left of the strip
    /// too (a ring row that another key reads shifted, see <see cref="RowInterpolations"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Fill(ReadOnlySpan<float> band, int left, int right, int low, ReadOnlySpan<float> weights, ReadOnlySpan<float> complements, ReadOnlySpan<int> destinations, Span<float> ring, int from, int width)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            Fill<Vector512<float>, Lanes512>(band, left, right, low, weights, complements, destinations, ring, from, width);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Fill<Vector256<float>, Lanes256>(band, left, right, low, weights, complements, destinations, ring, from, width);
        }
        else
        {
            for (var k = 0; k < destinations.Length; k++)
            {
                Tail(ref Unsafe.Add(ref MemoryMarshal.GetReference(band), left + (k < low ? 0 : 1)), (nuint)right, weights[k], complements[k], ref Unsafe.Add(ref MemoryMarshal.GetReference(ring), destinations[k]), from, width);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Fill<TVector, TLanes>(ReadOnlySpan<float> band, int left, int right, int low, ReadOnlySpan<float> weights, ReadOnlySpan<float> complements, ReadOnlySpan<int> destinations, Span<float> ring, int from, int width)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
    {
        switch ((low, destinations.Length - low))
        {
            case (1, 0):
                Fill<TVector, TLanes, Constant.One, Constant.Zero>(band, left, right, weights, complements, destinations, ring, from, width);
                break;
            case (2, 0):
                Fill<TVector, TLanes, Constant.Two, Constant.Zero>(band, left, right, weights, complements, destinations, ring, from, width);
                break;
            case (3, 0):
                Fill<TVector, TLanes, Constant.Three, Constant.Zero>(band, left, right, weights, complements, destinations, ring, from, width);
                break;
            case (4, 0):
                Fill<TVector, TLanes, Constant.Four, Constant.Zero>(band, left, right, weights, complements, destinations, ring, from, width);
                break;
            case (1, 1):
                Fill<TVector, TLanes, Constant.One, Constant.One>(band, left, right, weights, complements, destinations, ring, from, width);
                break;
            case (1, 2):
                Fill<TVector, TLanes, Constant.One, Constant.Two>(band, left, right, weights, complements, destinations, ring, from, width);
                break;
            case (1, 3):
                Fill<TVector, TLanes, Constant.One, Constant.Three>(band, left, right, weights, complements, destinations, ring, from, width);
                break;
            case (2, 1):
                Fill<TVector, TLanes, Constant.Two, Constant.One>(band, left, right, weights, complements, destinations, ring, from, width);
                break;
            case (2, 2):
                Fill<TVector, TLanes, Constant.Two, Constant.Two>(band, left, right, weights, complements, destinations, ring, from, width);
                break;
            case (3, 1):
                Fill<TVector, TLanes, Constant.Three, Constant.One>(band, left, right, weights, complements, destinations, ring, from, width);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(low));
        }
    }

    /// <summary>
    /// One pass of <typeparamref name="TLow"/> keys on band columns (j, j + right) and <typeparamref name="THigh"/> on
    /// (j + 1, j + 2): the counts constants, so that the JIT keeps every weight in a register and drops the absent
    /// keys' code.
    /// </summary>
    private static void Fill<TVector, TLanes, TLow, THigh>(ReadOnlySpan<float> band, int left, int right, ReadOnlySpan<float> weights, ReadOnlySpan<float> complements, ReadOnlySpan<int> destinations, Span<float> ring, int from, int width)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
        where TLow : struct, IConstant
        where THigh : struct, IConstant
    {
        // Indices from the first column filled, so that the loop counts up from 0 in unsigned steps.
        ref var source = ref Unsafe.Add(ref MemoryMarshal.GetReference(band), left + from);
        ref var ring0 = ref MemoryMarshal.GetReference(ring);
        var keys = TLow.Value + THigh.Value;
        ref var target0 = ref Unsafe.Add(ref ring0, destinations[0] + from);
        ref var target1 = ref keys > 1 ? ref Unsafe.Add(ref ring0, destinations[1] + from) : ref target0;
        ref var target2 = ref keys > 2 ? ref Unsafe.Add(ref ring0, destinations[2] + from) : ref target0;
        ref var target3 = ref keys > 3 ? ref Unsafe.Add(ref ring0, destinations[3] + from) : ref target0;
        var w0 = TLanes.Broadcast(weights[0]);
        var c0 = TLanes.Broadcast(complements[0]);
        var w1 = keys > 1 ? TLanes.Broadcast(weights[1]) : w0;
        var c1 = keys > 1 ? TLanes.Broadcast(complements[1]) : c0;
        var w2 = keys > 2 ? TLanes.Broadcast(weights[2]) : w0;
        var c2 = keys > 2 ? TLanes.Broadcast(complements[2]) : c0;
        var w3 = keys > 3 ? TLanes.Broadcast(weights[3]) : w0;
        var c3 = keys > 3 ? TLanes.Broadcast(complements[3]) : c0;
        var offset = (nuint)right;
        var n = (nuint)TLanes.Count;
        var count = (nuint)(width - from);
        nuint at = 0;
        // Not unrolled: two vectors a step measured no faster (the stores bound the loop, not its counting).
        for (; at + n <= count; at += n)
        {
            Step<TVector, TLanes, TLow, THigh>(ref source, offset, at, w0, c0, w1, c1, w2, c2, w3, c3, ref target0, ref target1, ref target2, ref target3);
        }

        if (at < count)
        {
            for (var k = 0; k < keys; k++)
            {
                Tail(ref Unsafe.Add(ref source, k < TLow.Value ? 0 : 1), offset, weights[k], complements[k], ref Unsafe.Add(ref ring0, destinations[k] + from), (int)at, (int)count);
            }
        }
    }

    /// <summary>One vector of columns of <see cref="Fill{TVector, TLanes, TLow, THigh}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step<TVector, TLanes, TLow, THigh>(ref float source, nuint offset, nuint at, TVector w0, TVector c0, TVector w1, TVector c1, TVector w2, TVector c2, TVector w3, TVector c3, ref float target0, ref float target1, ref float target2, ref float target3)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
        where TLow : struct, IConstant
        where THigh : struct, IConstant
    {
        var keys = TLow.Value + THigh.Value;

        // Key k reads (a, b) when k < TLow, else (b, c): the comparisons are constants, each key one FMA and a store.
        var a = TLanes.Load(ref source, at);
        var b = TLanes.Load(ref source, at + offset);
        var c = THigh.Value > 0 ? TLanes.Load(ref source, at + 2) : b;
        TLanes.Store(TLanes.Interpolate(w0, c0, a, b), ref target0, at);
        if (keys > 1)
        {
            TLanes.Store(1 < TLow.Value ? TLanes.Interpolate(w1, c1, a, b) : TLanes.Interpolate(w1, c1, b, c), ref target1, at);
        }

        if (keys > 2)
        {
            TLanes.Store(2 < TLow.Value ? TLanes.Interpolate(w2, c2, a, b) : TLanes.Interpolate(w2, c2, b, c), ref target2, at);
        }

        if (keys > 3)
        {
            TLanes.Store(3 < TLow.Value ? TLanes.Interpolate(w3, c3, a, b) : TLanes.Interpolate(w3, c3, b, c), ref target3, at);
        }
    }

    /// <summary>Columns [<paramref name="from"/>, <paramref name="to"/>) one by one, unfused, as <c>SampleLanes.Interpolations</c> ends.</summary>
    private static void Tail(ref float source, nuint right, float dc, float oneMinusDc, ref float destination, int from, int to)
    {
        for (var c = from; c < to; c++)
        {
            // The tail may round differently from the vectors (fused or not): either is within the bound of SampleLanes.Filtered.
            Unsafe.Add(ref destination, c) = (oneMinusDc * Unsafe.Add(ref source, c)) + (dc * Unsafe.Add(ref source, (nuint)c + right));
        }
    }

    private interface ILanes<TVector>
        where TVector : struct
    {
        static abstract int Count { get; }

        static abstract TVector Broadcast(float value);

        static abstract TVector Load(ref float source, nuint at);

        static abstract void Store(TVector value, ref float destination, nuint at);

        /// <summary><c>(1 − dc)·a + dc·b</c>: <c>dc·b</c> fused into the sum where the machine has FMA.</summary>
        static abstract TVector Interpolate(TVector dc, TVector oneMinusDc, TVector a, TVector b);
    }

    private readonly struct Lanes512 : ILanes<Vector512<float>>
    {
        public static int Count => Vector512<float>.Count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Broadcast(float value) => Vector512.Create(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Load(ref float source, nuint at) => Vector512.LoadUnsafe(ref source, at);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(Vector512<float> value, ref float destination, nuint at) => value.StoreUnsafe(ref destination, at);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Interpolate(Vector512<float> dc, Vector512<float> oneMinusDc, Vector512<float> a, Vector512<float> b) =>
            Avx512F.FusedMultiplyAdd(dc, b, oneMinusDc * a);
    }

    private readonly struct Lanes256 : ILanes<Vector256<float>>
    {
        public static int Count => Vector256<float>.Count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Broadcast(float value) => Vector256.Create(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Load(ref float source, nuint at) => Vector256.LoadUnsafe(ref source, at);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(Vector256<float> value, ref float destination, nuint at) => value.StoreUnsafe(ref destination, at);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Interpolate(Vector256<float> dc, Vector256<float> oneMinusDc, Vector256<float> a, Vector256<float> b) =>
            Fma.IsSupported ? Fma.MultiplyAdd(dc, b, oneMinusDc * a) : (oneMinusDc * a) + (dc * b);
    }
}
