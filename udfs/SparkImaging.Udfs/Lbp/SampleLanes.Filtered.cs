using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SparkImaging.Udfs.Lbp;

/// <content>
/// The filtered kernel: the shared-rows kernel decided in single precision, twice the lanes per vector and half the
/// ring's memory, with every decision single precision cannot settle taken in double exactly as the shared-rows kernel
/// takes it.
/// <para>
/// Why the codes stay identical. Let M be the largest |pixel| of the band and u = 2⁻²⁴. The double value of a sample,
/// <c>v = (1 − dr)·top + dr·bottom</c> with <c>top = (1 − dc)·a + dc·b</c>, is within 4·2⁻⁵³·M of the same expression
/// in exact arithmetic. The kernel computes in single precision the difference <c>d = dr·bottom + ((1 − dr)·top −
/// (centre + T))</c>, from the pixels rounded to float and the weights <c>frac(cp)</c> and <c>dr</c> rounded to float
/// (a column's double <c>dc</c> differs from <c>frac(cp)</c> only by the rounding of <c>c + cp</c>, below 2⁻²⁹ for
/// columns under 2²⁴), with fused multiply-adds where the machine has them. Rounding the pixels and the weights costs
/// at most 4.1·M·u, the roundings of the horizontal interpolation 2·M·u, those of the vertical step (a product, or
/// two, and two sums; fewer when fused) M·u + 2·(2M + T)·u, the rounded centre M·u and forming <c>centre + T</c>
/// (M + T)·u: d is within 14·M·u of <c>v − (centre + T)</c> in exact arithmetic (the terms in T·u are below
/// M·u²). With the tolerance <c>T = M·2⁻²⁰ = 16·M·u</c> (rounded to float: at least 16·M·u·(1 − u)), a lane with
/// d ≥ 0 therefore has <c>v − centre ≥ T − 14·M·u &gt; 0</c>, one with d &lt; −2T has <c>v − centre &lt; −T + 14·M·u
/// &lt; 0</c>, and a lane in between — ties above all, as in flat neighbourhoods — is recomputed in double
/// (<see cref="Settle"/>). T is the smallest power of two above the bound: the window of 2T, and with it the lanes
/// <see cref="Settle"/> redoes, grows with it. Samples at integer offsets (the pixel itself) are compared in double directly. Bands with non-finite values, or
/// with M outside [2⁻⁶⁰, 2⁶⁰] (overflow, underflow, and all-zero bands whose signed zeros the sign tests would
/// misread), and images 2²⁴ columns wide or more, take the shared-rows kernel. <c>VectorPathTests</c> holds the
/// kernel to the scalar path on near-ties, ramps, signed zeros and magnitudes on both sides of the range.
/// </para>
/// </content>
internal static partial class SampleLanes
{
    /// <summary>Images this many columns wide or wider take the shared-rows kernel (see the remarks on the weights).</summary>
    public const int FilteredColumnLimit = 1 << 24;

    /// <summary>Whether this machine has float vectors for the filtered kernel (else it takes the shared-rows kernel).</summary>
    public static bool CanFilter => Vector512.IsHardwareAccelerated || Vector256.IsHardwareAccelerated;

    /// <summary>
    /// Patterns of strip columns [0, n) as <see cref="SharedPatterns"/> computes them, from the ring's single-precision
    /// values with <paramref name="tolerance"/> (see the class remarks); n is the largest multiple of the vector width.
    /// Byte patterns (P ≤ 8) are stored as bytes, the rest as 64-bit words. <paramref name="start"/>: the first column
    /// (the columns before it are left alone); then n counts from it, and is <paramref name="start"/> without vectors.
    /// </summary>
    public static int FilteredPatterns<TPattern>(ReadOnlySpan<double> band, int centre, int firstColumn, RowInterpolations ring, ReadOnlySpan<SharedSample> direct, ReadOnlySpan<SharedSample> interpolated, float tolerance, Span<TPattern> patterns, int start = 0)
        where TPattern : unmanaged, IBinaryInteger<TPattern>
    {
        if (Vector512.IsHardwareAccelerated)
        {
            return FilteredPatterns<Vector512<float>, Filter512, TPattern>(band, centre, firstColumn, ring, direct, interpolated, tolerance, patterns, start);
        }

        return Vector256.IsHardwareAccelerated
            ? FilteredPatterns<Vector256<float>, Filter256, TPattern>(band, centre, firstColumn, ring, direct, interpolated, tolerance, patterns, start)
            : start;
    }

    private static int FilteredPatterns<TVector, TLanes, TPattern>(ReadOnlySpan<double> band, int centre, int firstColumn, RowInterpolations ring, ReadOnlySpan<SharedSample> direct, ReadOnlySpan<SharedSample> interpolated, float tolerance, Span<TPattern> patterns, int start)
        where TVector : struct
        where TLanes : struct, IFilterLanes<TVector>
        where TPattern : unmanaged, IBinaryInteger<TPattern>
    {
        ref var bandStart = ref MemoryMarshal.GetReference(band);
        ref var pixels = ref Unsafe.Add(ref bandStart, firstColumn);
        ref var singles = ref MemoryMarshal.GetReference(ring.Singles);
        ref var firstDirect = ref MemoryMarshal.GetReference(direct);
        ref var firstInterpolated = ref MemoryMarshal.GetReference(interpolated);
        ref readonly var endDirect = ref Unsafe.Add(ref firstDirect, direct.Length);
        ref readonly var endInterpolated = ref Unsafe.Add(ref firstInterpolated, interpolated.Length);
        ref var bits = ref MemoryMarshal.GetReference(patterns);
        var columns = patterns.Length;
        var c = start;

        // The sign of value − (centre + T) sets a sample's bit; a lane whose value − (centre + T) is negative but
        // within 2T of zero is unsettled. Branch-free: each vector keeps its negative difference nearest zero (the
        // smallest as a signed integer), and the rare blocks that have one within 2T are redone by Settle.
        var limit = UnsettledLimit(tolerance);

        // Four vectors of columns per pass over the samples, so that each sample's indices and weights serve four.
        var n = (nuint)TLanes.Count;
        var half = n / 2;
        for (; c + (4 * TLanes.Count) <= columns; c += 4 * TLanes.Count)
        {
            ref var centres = ref Unsafe.Add(ref bandStart, centre + c);
            var slack = TLanes.Broadcast(tolerance);
            var centre0 = TLanes.Centre(ref centres, 0);
            var centre1 = TLanes.Centre(ref centres, n);
            var centre2 = TLanes.Centre(ref centres, 2 * n);
            var centre3 = TLanes.Centre(ref centres, 3 * n);
            var minusAbove0 = TLanes.MinusAbove(centre0, slack);
            var minusAbove1 = TLanes.MinusAbove(centre1, slack);
            var minusAbove2 = TLanes.MinusAbove(centre2, slack);
            var minusAbove3 = TLanes.MinusAbove(centre3, slack);
            // The direct samples' bits in double lanes, two halves per vector of columns, joined once after them: a
            // double comparison's mask then serves as is (with AVX-512 one compare and one masked OR per half).
            var low0 = TLanes.Zero;
            var high0 = TLanes.Zero;
            var low1 = TLanes.Zero;
            var high1 = TLanes.Zero;
            var low2 = TLanes.Zero;
            var high2 = TLanes.Zero;
            var low3 = TLanes.Zero;
            var high3 = TLanes.Zero;
            // Indices from the pass's first column, and the samples walked by reference: fewer scalar instructions
            // per sample (about a third of the loop's) and no spill of the bases.
            ref var passPixels = ref Unsafe.Add(ref pixels, c);
            ref var passSingles = ref Unsafe.Add(ref singles, c);
            for (ref readonly var sample = ref firstDirect; Unsafe.IsAddressLessThan(in sample, in endDirect); sample = ref Unsafe.Add(ref Unsafe.AsRef(in sample), 1))
            {
                ref var at = ref Unsafe.Add(ref passPixels, sample.Top);
                low0 = TLanes.SetWhereAtLeast(low0, ref at, ref centres, 0, sample.Bit);
                high0 = TLanes.SetWhereAtLeast(high0, ref at, ref centres, half, sample.Bit);
                low1 = TLanes.SetWhereAtLeast(low1, ref at, ref centres, n, sample.Bit);
                high1 = TLanes.SetWhereAtLeast(high1, ref at, ref centres, n + half, sample.Bit);
                low2 = TLanes.SetWhereAtLeast(low2, ref at, ref centres, 2 * n, sample.Bit);
                high2 = TLanes.SetWhereAtLeast(high2, ref at, ref centres, (2 * n) + half, sample.Bit);
                low3 = TLanes.SetWhereAtLeast(low3, ref at, ref centres, 3 * n, sample.Bit);
                high3 = TLanes.SetWhereAtLeast(high3, ref at, ref centres, (3 * n) + half, sample.Bit);
            }

            var pattern0 = TLanes.Join(low0, high0);
            var pattern1 = TLanes.Join(low1, high1);
            var pattern2 = TLanes.Join(low2, high2);
            var pattern3 = TLanes.Join(low3, high3);

            var nearest0 = TLanes.Farthest;
            var nearest1 = TLanes.Farthest;
            var nearest2 = TLanes.Farthest;
            var nearest3 = TLanes.Farthest;
            for (ref readonly var sample = ref firstInterpolated; Unsafe.IsAddressLessThan(in sample, in endInterpolated); sample = ref Unsafe.Add(ref Unsafe.AsRef(in sample), 1))
            {
                ref var top = ref Unsafe.Add(ref passSingles, sample.Top);
                ref var bottom = ref Unsafe.Add(ref passSingles, sample.Bottom);
                var dr = TLanes.Broadcast(sample.SingleDr);
                var oneMinusDr = TLanes.Broadcast(sample.SingleOneMinusDr);
                var overAbove0 = TLanes.OverAbove(ref top, ref bottom, 0, dr, oneMinusDr, minusAbove0);
                var overAbove1 = TLanes.OverAbove(ref top, ref bottom, n, dr, oneMinusDr, minusAbove1);
                var overAbove2 = TLanes.OverAbove(ref top, ref bottom, 2 * n, dr, oneMinusDr, minusAbove2);
                var overAbove3 = TLanes.OverAbove(ref top, ref bottom, 3 * n, dr, oneMinusDr, minusAbove3);
                pattern0 = TLanes.SetWhereNotNegative(pattern0, overAbove0, sample.Bit);
                pattern1 = TLanes.SetWhereNotNegative(pattern1, overAbove1, sample.Bit);
                pattern2 = TLanes.SetWhereNotNegative(pattern2, overAbove2, sample.Bit);
                pattern3 = TLanes.SetWhereNotNegative(pattern3, overAbove3, sample.Bit);
                nearest0 = TLanes.Nearest(nearest0, overAbove0);
                nearest1 = TLanes.Nearest(nearest1, overAbove1);
                nearest2 = TLanes.Nearest(nearest2, overAbove2);
                nearest3 = TLanes.Nearest(nearest3, overAbove3);
            }

            ref var destination = ref Unsafe.Add(ref bits, c);
            if (typeof(TPattern) == typeof(byte))
            {
                TLanes.StoreBytes(pattern0, pattern1, pattern2, pattern3, ref Unsafe.As<TPattern, byte>(ref destination));
            }
            else
            {
                Store<TVector, TLanes, TPattern>(pattern0, ref destination);
                Store<TVector, TLanes, TPattern>(pattern1, ref Unsafe.Add(ref destination, TLanes.Count));
                Store<TVector, TLanes, TPattern>(pattern2, ref Unsafe.Add(ref destination, 2 * TLanes.Count));
                Store<TVector, TLanes, TPattern>(pattern3, ref Unsafe.Add(ref destination, 3 * TLanes.Count));
            }

            if (TLanes.UnsettledLanes(TLanes.Nearest(TLanes.Nearest(nearest0, nearest1), TLanes.Nearest(nearest2, nearest3)), limit) != 0)
            {
                var lanes = TLanes.UnsettledLanes(nearest0, limit) | ((ulong)TLanes.UnsettledLanes(nearest1, limit) << TLanes.Count)
                    | ((ulong)TLanes.UnsettledLanes(nearest2, limit) << (2 * TLanes.Count)) | ((ulong)TLanes.UnsettledLanes(nearest3, limit) << (3 * TLanes.Count));
                Settle<TLanes, TPattern>(band, centre, firstColumn, ring, interpolated, tolerance, c, lanes, patterns);
            }
        }

        for (; c + TLanes.Count <= columns; c += TLanes.Count)
        {
            ref var centres = ref Unsafe.Add(ref bandStart, centre + c);
            var centreValues = TLanes.Centre(ref centres, 0);
            var slack = TLanes.Broadcast(tolerance);
            var minusAbove = TLanes.MinusAbove(centreValues, slack);
            var low = TLanes.Zero;
            var high = TLanes.Zero;
            for (var i = 0; i < direct.Length; i++)
            {
                ref readonly var sample = ref Unsafe.Add(ref firstDirect, i);
                low = TLanes.SetWhereAtLeast(low, ref Unsafe.Add(ref pixels, sample.Top + c), ref centres, 0, sample.Bit);
                high = TLanes.SetWhereAtLeast(high, ref Unsafe.Add(ref pixels, sample.Top + c), ref centres, half, sample.Bit);
            }

            var pattern = TLanes.Join(low, high);

            var nearest = TLanes.Farthest;
            for (var i = 0; i < interpolated.Length; i++)
            {
                ref readonly var sample = ref Unsafe.Add(ref firstInterpolated, i);
                var overAbove = TLanes.OverAbove(ref Unsafe.Add(ref singles, sample.Top + c), ref Unsafe.Add(ref singles, sample.Bottom + c), 0, TLanes.Broadcast(sample.SingleDr), TLanes.Broadcast(sample.SingleOneMinusDr), minusAbove);
                pattern = TLanes.SetWhereNotNegative(pattern, overAbove, sample.Bit);
                nearest = TLanes.Nearest(nearest, overAbove);
            }

            Store<TVector, TLanes, TPattern>(pattern, ref Unsafe.Add(ref bits, c));
            var unsettled = TLanes.UnsettledLanes(nearest, limit);
            if (unsettled != 0)
            {
                Settle<TLanes, TPattern>(band, centre, firstColumn, ring, interpolated, tolerance, c, unsettled, patterns);
            }
        }

        return c;
    }

    /// <summary>The patterns of one vector of columns, as bytes or as 64-bit words.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<TVector, TLanes, TPattern>(TVector pattern, ref TPattern destination)
        where TVector : struct
        where TLanes : struct, IFilterLanes<TVector>
        where TPattern : unmanaged, IBinaryInteger<TPattern>
    {
        if (typeof(TPattern) == typeof(byte))
        {
            TLanes.StoreBytes(pattern, ref Unsafe.As<TPattern, byte>(ref destination));
        }
        else
        {
            TLanes.Store(pattern, ref Unsafe.As<TPattern, ulong>(ref destination));
        }
    }

    /// <summary>
    /// The bits, read as a signed integer, of <c>−2T</c>: a negative float is at most this exactly when its magnitude
    /// is at most 2T, and a positive one never is.
    /// </summary>
    private static int UnsettledLimit(float tolerance) => int.MinValue + BitConverter.SingleToInt32Bits(2 * tolerance);

    /// <summary>
    /// The unsettled lanes of the columns from <paramref name="column"/> (bit j: column + j), their patterns already
    /// stored: each lane's samples are screened again one by one, and those its vector left unsettled get the double
    /// decision of <see cref="ExactAtLeast"/>.
    /// </summary>
    /// <remarks>
    /// An unsettled lane is nearly always alone in its vector, with a single unsettled sample, so the screen is scalar
    /// (a vector's worth of lanes for one would be sixteen times the work) and without a branch per sample (which one
    /// it is cannot be predicted). <see cref="IFilterLanes{TVector}.OverAbove(float, float, float, float, float)"/>
    /// repeats the vector lane's operations, so it finds the samples the vector found.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Settle<TLanes, TPattern>(ReadOnlySpan<double> band, int centre, int firstColumn, RowInterpolations ring, ReadOnlySpan<SharedSample> interpolated, float tolerance, int column, ulong lanes, Span<TPattern> patterns)
        where TLanes : IFilterSingle
        where TPattern : unmanaged, IBinaryInteger<TPattern>
    {
        ref var singles = ref MemoryMarshal.GetReference(ring.Singles);
        ref var first = ref MemoryMarshal.GetReference(interpolated);
        var limit = UnsettledLimit(tolerance);
        for (; lanes != 0; lanes &= lanes - 1)
        {
            var at = column + BitOperations.TrailingZeroCount(lanes);
            for (var flagged = UnsettledSamples<TLanes>(band, centre, ref singles, interpolated, tolerance, limit, at); flagged != 0; flagged &= flagged - 1)
            {
                ref readonly var sample = ref Unsafe.Add(ref first, BitOperations.TrailingZeroCount(flagged));
                var bit = TPattern.CreateTruncating(sample.Bit);
                patterns[at] = ExactAtLeast(band, centre, firstColumn, sample, at) ? patterns[at] | bit : patterns[at] & ~bit;
            }
        }
    }

    /// <summary>
    /// Bit i set where interpolated sample i of strip column <paramref name="at"/> is unsettled: its difference,
    /// computed again with the vector lane's operations (<typeparamref name="TLanes"/>), is within 2T of zero. No
    /// branch per sample (which one it is cannot be predicted).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static ulong UnsettledSamples<TLanes>(ReadOnlySpan<double> band, int centre, ref float singles, ReadOnlySpan<SharedSample> interpolated, float tolerance, int limit, int at)
        where TLanes : IFilterSingle
    {
        var minusAbove = -((float)band[centre + at] + tolerance);
        ref var first = ref MemoryMarshal.GetReference(interpolated);
        var flagged = 0UL;
        for (var i = 0; i < interpolated.Length; i++)
        {
            ref readonly var sample = ref Unsafe.Add(ref first, i);
            var overAbove = TLanes.OverAbove(Unsafe.Add(ref singles, sample.Top + at), Unsafe.Add(ref singles, sample.Bottom + at), sample.SingleDr, sample.SingleOneMinusDr, minusAbove);
            flagged |= (ulong)((long)BitConverter.SingleToInt32Bits(overAbove) - limit - 1) >> 63 << i;
        }

        return flagged;
    }

    /// <summary>
    /// Whether interpolated <paramref name="sample"/> of strip column <paramref name="column"/> is at least the centre,
    /// in double with the operations of <see cref="Interpolations(ReadOnlySpan{double}, KeyRow, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double}, int)"/>
    /// and <see cref="ScalarSharedPattern"/>, its horizontal interpolations recomputed from the band with the column's
    /// weight computed as <see cref="RowInterpolations.Weights"/> holds it.
    /// </summary>
    internal static bool ExactAtLeast(ReadOnlySpan<double> band, int centre, int firstColumn, in SharedSample sample, int column)
    {
        var source = sample.Source;
        var position = (firstColumn + column) + source.Offset;
        var w = position - Math.Floor(position);
        var w1 = 1 - w;
        var left = firstColumn + source.Left + column;
        var top = (w1 * band[left]) + (w * band[left + source.Right]);
        var bottom = source.Down == 0 ? top : (w1 * band[left + source.Down]) + (w * band[left + source.Down + source.Right]);
        return (sample.OneMinusDr * top) + (sample.Dr * bottom) >= band[centre + column];
    }

    /// <summary>The scalar operation of a vector width that <see cref="Settle"/> repeats lane by lane.</summary>
    private interface IFilterSingle
    {
        /// <summary>One lane of <see cref="IFilterLanes{TVector}.OverAbove(ref float, ref float, nuint, TVector, TVector, TVector)"/>, rounded alike.</summary>
        static abstract float OverAbove(float top, float bottom, float dr, float oneMinusDr, float minusAbove);
    }

    /// <summary>The filtered kernel's operations per vector width; masks and patterns travel as the bits of a float vector.</summary>
    private interface IFilterLanes<TVector> : IFilterSingle
        where TVector : struct
    {
        static abstract int Count { get; }

        static abstract TVector Zero { get; }

        static abstract TVector Broadcast(float value);

        /// <summary>The centres of <see cref="Count"/> columns from <paramref name="offset"/> rounded to single precision.</summary>
        static abstract TVector Centre(ref double centre, nuint offset);

        /// <summary><c>−(centre + slack)</c>, the sum rounded once.</summary>
        static abstract TVector MinusAbove(TVector centre, TVector slack);

        /// <summary>
        /// Sets <paramref name="bit"/> in the 64-bit lanes of <paramref name="half"/> (<see cref="Count"/>/2 columns from
        /// <paramref name="offset"/>) where the double <c>sample ≥ centre</c>.
        /// </summary>
        static abstract TVector SetWhereAtLeast(TVector half, ref double sample, ref double centre, nuint offset, ulong bit);

        /// <summary>The patterns of <see cref="Count"/> columns from two halves of 64-bit lanes (<see cref="SetWhereAtLeast"/>).</summary>
        static abstract TVector Join(TVector low, TVector high);

        /// <summary>Sets <paramref name="bit"/> in the lanes where <paramref name="value"/>'s sign bit is clear.</summary>
        static abstract TVector SetWhereNotNegative(TVector pattern, TVector value, ulong bit);

        /// <summary>A vector whose lanes are no nearer to any difference than any difference is (int.MaxValue bits).</summary>
        static abstract TVector Farthest { get; }

        /// <summary>Per lane, of two differences the one whose bits are the smaller signed integer: the negative one nearest zero.</summary>
        static abstract TVector Nearest(TVector left, TVector right);

        /// <summary>Bit j set where lane j's bits, as a signed integer, are at most <paramref name="limit"/>.</summary>
        static abstract uint UnsettledLanes(TVector difference, int limit);

        /// <summary>
        /// <c>(1 − dr)·top + dr·bottom − (centre + T)</c> in single precision, <paramref name="offset"/> elements on:
        /// <c>dr·bottom + ((1 − dr)·top + minusAbove)</c>, two fused multiply-adds where the machine has them (see
        /// the class remarks for the bound either way).
        /// </summary>
        static abstract TVector OverAbove(ref float top, ref float bottom, nuint offset, TVector dr, TVector oneMinusDr, TVector minusAbove);

        /// <summary>Stores the 32-bit patterns of <see cref="Count"/> columns as 64-bit ones.</summary>
        static abstract void Store(TVector pattern, ref ulong destination);

        /// <summary>Stores the patterns of <see cref="Count"/> columns as bytes (P ≤ 8).</summary>
        static abstract void StoreBytes(TVector pattern, ref byte destination);

        /// <summary>Stores the patterns of four vectors of columns, in order, as bytes (P ≤ 8).</summary>
        static abstract void StoreBytes(TVector pattern0, TVector pattern1, TVector pattern2, TVector pattern3, ref byte destination);
    }

    private readonly struct Filter512 : IFilterLanes<Vector512<float>>
    {
        public static int Count => Vector512<float>.Count;

        public static Vector512<float> Zero => Vector512<float>.Zero;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Broadcast(float value) => Vector512.Create(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Centre(ref double centre, nuint offset) =>
            Vector512.Narrow(Vector512.LoadUnsafe(ref centre, offset), Vector512.LoadUnsafe(ref centre, offset + (nuint)Vector512<double>.Count));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> MinusAbove(Vector512<float> centre, Vector512<float> slack) => -(centre + slack);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> SetWhereAtLeast(Vector512<float> half, ref double sample, ref double centre, nuint offset, ulong bit) =>
            Vector512.ConditionalSelect(
                Vector512.GreaterThanOrEqual(Vector512.LoadUnsafe(ref sample, offset), Vector512.LoadUnsafe(ref centre, offset)).AsUInt64(),
                half.AsUInt64() | Vector512.Create(bit),
                half.AsUInt64()).AsSingle();

        // The low 32 bits of every 64-bit lane, in one two-source permutation.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Join(Vector512<float> low, Vector512<float> high) =>
            Avx512F.PermuteVar16x32x2(low.AsInt32(), Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30), high.AsInt32()).AsSingle();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> SetWhereNotNegative(Vector512<float> pattern, Vector512<float> value, ulong bit) =>
            pattern | Vector512.AndNot(Bits(bit), Vector512.ShiftRightArithmetic(value.AsInt32(), 31).AsSingle());

        public static Vector512<float> Farthest => Vector512.Create(int.MaxValue).AsSingle();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> Nearest(Vector512<float> left, Vector512<float> right) => Vector512.Min(left.AsInt32(), right.AsInt32()).AsSingle();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static uint UnsettledLanes(Vector512<float> difference, int limit) =>
            (uint)Vector512.ExtractMostSignificantBits(Vector512.LessThanOrEqual(difference.AsInt32(), Vector512.Create(limit)));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float OverAbove(float top, float bottom, float dr, float oneMinusDr, float minusAbove) =>
            MathF.FusedMultiplyAdd(dr, bottom, MathF.FusedMultiplyAdd(oneMinusDr, top, minusAbove));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<float> OverAbove(ref float top, ref float bottom, nuint offset, Vector512<float> dr, Vector512<float> oneMinusDr, Vector512<float> minusAbove) =>
            Avx512F.FusedMultiplyAdd(dr, Vector512.LoadUnsafe(ref bottom, offset), Avx512F.FusedMultiplyAdd(oneMinusDr, Vector512.LoadUnsafe(ref top, offset), minusAbove));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(Vector512<float> pattern, ref ulong destination)
        {
            var (low, high) = Vector512.Widen(pattern.AsUInt32());
            low.StoreUnsafe(ref destination);
            high.StoreUnsafe(ref destination, (nuint)Vector512<ulong>.Count);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void StoreBytes(Vector512<float> pattern, ref byte destination) => Avx512F.ConvertToVector128Byte(pattern.AsUInt32()).StoreUnsafe(ref destination);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void StoreBytes(Vector512<float> pattern0, Vector512<float> pattern1, Vector512<float> pattern2, Vector512<float> pattern3, ref byte destination)
        {
            StoreBytes(pattern0, ref destination);
            StoreBytes(pattern1, ref Unsafe.Add(ref destination, Count));
            StoreBytes(pattern2, ref Unsafe.Add(ref destination, 2 * Count));
            StoreBytes(pattern3, ref Unsafe.Add(ref destination, 3 * Count));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<float> Bits(ulong bit) => Vector512.Create((uint)bit).AsSingle();
    }

    private readonly struct Filter256 : IFilterLanes<Vector256<float>>
    {
        public static int Count => Vector256<float>.Count;

        public static Vector256<float> Zero => Vector256<float>.Zero;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Broadcast(float value) => Vector256.Create(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Centre(ref double centre, nuint offset) =>
            Vector256.Narrow(Vector256.LoadUnsafe(ref centre, offset), Vector256.LoadUnsafe(ref centre, offset + (nuint)Vector256<double>.Count));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> MinusAbove(Vector256<float> centre, Vector256<float> slack) => -(centre + slack);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> SetWhereAtLeast(Vector256<float> half, ref double sample, ref double centre, nuint offset, ulong bit) =>
            (half.AsUInt64() | (Vector256.GreaterThanOrEqual(Vector256.LoadUnsafe(ref sample, offset), Vector256.LoadUnsafe(ref centre, offset)).AsUInt64() & Vector256.Create(bit))).AsSingle();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Join(Vector256<float> low, Vector256<float> high) => Vector256.Narrow(low.AsUInt64(), high.AsUInt64()).AsSingle();

        // One blend on the sign bit (vblendvps) instead of a shift, an and-not and an or: the loop's most frequent step.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> SetWhereNotNegative(Vector256<float> pattern, Vector256<float> value, ulong bit) =>
            Avx.IsSupported
                ? Avx.BlendVariable(pattern | Bits(bit), pattern, value)
                : pattern | Vector256.AndNot(Bits(bit), Vector256.ShiftRightArithmetic(value.AsInt32(), 31).AsSingle());

        public static Vector256<float> Farthest => Vector256.Create(int.MaxValue).AsSingle();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> Nearest(Vector256<float> left, Vector256<float> right) => Vector256.Min(left.AsInt32(), right.AsInt32()).AsSingle();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static uint UnsettledLanes(Vector256<float> difference, int limit) =>
            (uint)Vector256.ExtractMostSignificantBits(Vector256.LessThanOrEqual(difference.AsInt32(), Vector256.Create(limit)));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static float OverAbove(float top, float bottom, float dr, float oneMinusDr, float minusAbove) =>
            Fma.IsSupported ? MathF.FusedMultiplyAdd(dr, bottom, MathF.FusedMultiplyAdd(oneMinusDr, top, minusAbove)) : (dr * bottom) + ((oneMinusDr * top) + minusAbove);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<float> OverAbove(ref float top, ref float bottom, nuint offset, Vector256<float> dr, Vector256<float> oneMinusDr, Vector256<float> minusAbove) =>
            Fma.IsSupported
                ? Fma.MultiplyAdd(dr, Vector256.LoadUnsafe(ref bottom, offset), Fma.MultiplyAdd(oneMinusDr, Vector256.LoadUnsafe(ref top, offset), minusAbove))
                : (dr * Vector256.LoadUnsafe(ref bottom, offset)) + ((oneMinusDr * Vector256.LoadUnsafe(ref top, offset)) + minusAbove);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(Vector256<float> pattern, ref ulong destination)
        {
            var (low, high) = Vector256.Widen(pattern.AsUInt32());
            low.StoreUnsafe(ref destination);
            high.StoreUnsafe(ref destination, (nuint)Vector256<ulong>.Count);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void StoreBytes(Vector256<float> pattern, ref byte destination)
        {
            var words = Vector256.Narrow(pattern.AsUInt32(), pattern.AsUInt32());
            Unsafe.WriteUnaligned(ref destination, Vector256.Narrow(words, words).AsUInt64().GetElement(0));
        }

        // Two packing steps for four vectors (the patterns are below 256, so nothing saturates) and one permutation
        // of their 32-bit groups back into column order, instead of narrowing each vector on its own.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void StoreBytes(Vector256<float> pattern0, Vector256<float> pattern1, Vector256<float> pattern2, Vector256<float> pattern3, ref byte destination)
        {
            if (!Avx2.IsSupported)
            {
                StoreBytes(pattern0, ref destination);
                StoreBytes(pattern1, ref Unsafe.Add(ref destination, Count));
                StoreBytes(pattern2, ref Unsafe.Add(ref destination, 2 * Count));
                StoreBytes(pattern3, ref Unsafe.Add(ref destination, 3 * Count));
                return;
            }

            var low = Avx2.PackUnsignedSaturate(pattern0.AsInt32(), pattern1.AsInt32());
            var high = Avx2.PackUnsignedSaturate(pattern2.AsInt32(), pattern3.AsInt32());
            var bytes = Avx2.PackUnsignedSaturate(low.AsInt16(), high.AsInt16());
            Avx2.PermuteVar8x32(bytes.AsInt32(), Vector256.Create(0, 4, 1, 5, 2, 6, 3, 7)).AsByte().StoreUnsafe(ref destination);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<float> Bits(ulong bit) => Vector256.Create((uint)bit).AsSingle();
    }
}
