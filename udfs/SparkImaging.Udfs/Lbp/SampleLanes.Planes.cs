using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SparkImaging.Udfs.Lbp;

/// <content>
/// The filtered kernel as bit planes, for counting uniform codes with AVX2 and FMA (machines without AVX-512): the
/// same decisions as <see cref="FilteredPatterns{TVector, TLanes, TPattern}"/>, but each sample's bits of 32 columns
/// leave the vectors as one 32-bit word (three packs and a byte mask) instead of being merged into a pattern per
/// lane, and the samples are the outer loop, the passes of 32 columns the inner one.
/// <para>
/// Why. The pattern loop is bound by instruction throughput (docs/performance.md, kernel round 6): with a pattern per
/// lane, each interpolated sample cost an OR and a blend per vector, a spill or two (sixteen vectors live) and its
/// indices, weights and bit reloaded for every pass. Samples outside and passes inside keep the weights and the two
/// ring rows' addresses in registers for the whole row; the sign bits of four vectors become a plane word in four instructions
/// instead of eight; and the codes are then counted from the planes 256 columns at a time
/// (<see cref="UniformPlanes"/>) rather than computed column by column from widened patterns (kernel round 7).
/// </para>
/// <para>
/// Bit j of a plane word is column <see cref="PlaneColumn"/>(j) of its pass: the packs interleave the four vectors'
/// 128-bit halves. Every plane of a row has the same order, which is all the counting needs; <see cref="SettlePlanes"/>
/// maps the unsettled columns back.
/// </para>
/// </content>
internal static partial class SampleLanes
{
    /// <summary>
    /// Floats of scratch a pass: its 32 columns' <c>−(centre + T)</c>, then their nearest differences (as int bits),
    /// which the last interpolated pair replaces by the pass's unsettled columns (one 32-bit mask).
    /// </summary>
    public const int PassData = 2 * PlaneColumns;

    /// <summary>Up to this many interpolated samples, unsettled columns are settled four at a time (<see cref="SettleQuads"/>).</summary>
    private const int QuadSettleLimit = 8;

    /// <summary>Columns per plane word.</summary>
    public const int PlaneColumns = 32;

    /// <summary>Whether this machine takes <see cref="FilteredPlanes"/> (AVX2 and FMA, and not AVX-512, whose pattern kernel was measured on its own).</summary>
    public static bool CanPlane => !Vector512.IsHardwareAccelerated && Avx2.IsSupported && Fma.IsSupported;

    /// <summary>Strip column of bit <paramref name="bit"/> of a plane word, from the pass's first column.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int PlaneColumn(int bit) => ((bit & 15) >> 2 << 3) + ((bit >> 4) << 2) + (bit & 3);

    /// <summary>Bit of a plane word holding strip column <paramref name="column"/> of its pass (the inverse of <see cref="PlaneColumn"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int PlaneBit(int column) => ((column & 7) >> 2 << 4) + ((column >> 3) << 2) + (column & 3);

    /// <summary>
    /// The bits of strip columns [0, n) as planes, n the largest multiple of <see cref="PlaneColumns"/> up to
    /// <paramref name="width"/>: word w of sample i's plane (i its bit index) at <c>planes[i·planeStride + w]</c>,
    /// holding pass w's 32 columns (see <see cref="PlaneColumn"/>). <paramref name="bandSingles"/>: the band rounded to
    /// single precision, same layout (<see cref="PaddedBand.Singles"/>). Scratch: <paramref name="passData"/> of at least 2n
    /// elements (<see cref="PassData"/> a pass). Returns n.
    /// </summary>
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe int FilteredPlanes(ReadOnlySpan<double> band, ReadOnlySpan<float> bandSingles, int centre, int firstColumn, RowInterpolations ring, ReadOnlySpan<SharedSample> direct, ReadOnlySpan<SharedSample> interpolated, float tolerance, int width, Span<uint> planes, int planeStride, Span<float> passData)
    {
        var passes = width / PlaneColumns;
        var n = passes * PlaneColumns;
        var points = direct.Length + interpolated.Length;
        if (!CanPlane || passes == 0 || passData.Length < 2 * n || planeStride < passes || planes.Length < ((points - 1) * planeStride) + passes)
        {
            return 0;
        }

        ref var bandStart = ref MemoryMarshal.GetReference(band);
        ref var centres = ref Unsafe.Add(ref bandStart, centre);
        ref var planeStart = ref MemoryMarshal.GetReference(planes);

        // −(centre + T) of every column in single precision and the nearest negative differences are written by the
        // first interpolated pair's pass over the row, not by a pass of their own (that pass was a twentieth of 8:1's time).
        var slack = Vector256.Create(tolerance);

        // Samples at integer offsets: the double comparison, as the pattern kernel makes it, every sample of a pass
        // against the pass's centres read once, the masks of two halves joined into the order of a float vector's lanes.
        // Each sample's first value and plane word as byte offsets, once a row: the pass loop then only adds.
        Span<nint> directAt = stackalloc nint[2 * direct.Length];
        for (var i = 0; i < direct.Length; i++)
        {
            directAt[2 * i] = (nint)(firstColumn + direct[i].Top) * sizeof(double);
            directAt[(2 * i) + 1] = (nint)BitOperations.TrailingZeroCount(direct[i].Bit) * planeStride * sizeof(uint);
        }

        ref var directEnd = ref Unsafe.Add(ref MemoryMarshal.GetReference(directAt), directAt.Length);
        for (var pass = 0; pass < passes; pass++)
        {
            var c = (nuint)(pass * PlaneColumns);
            ref var passCentres = ref Unsafe.Add(ref centres, c);
            ref var passBand = ref Unsafe.Add(ref bandStart, c);
            ref var passWord = ref Unsafe.Add(ref planeStart, pass);
            var c0 = Vector256.LoadUnsafe(ref passCentres, 0);
            var c1 = Vector256.LoadUnsafe(ref passCentres, 4);
            var c2 = Vector256.LoadUnsafe(ref passCentres, 8);
            var c3 = Vector256.LoadUnsafe(ref passCentres, 12);
            var c4 = Vector256.LoadUnsafe(ref passCentres, 16);
            var c5 = Vector256.LoadUnsafe(ref passCentres, 20);
            var c6 = Vector256.LoadUnsafe(ref passCentres, 24);
            var c7 = Vector256.LoadUnsafe(ref passCentres, 28);
            for (ref var at = ref MemoryMarshal.GetReference(directAt); Unsafe.IsAddressLessThan(ref at, ref directEnd); at = ref Unsafe.Add(ref at, 2))
            {
                ref var values = ref Unsafe.AddByteOffset(ref passBand, at);
                var m0 = AtLeast(c0, c1, ref values, 0);
                var m1 = AtLeast(c2, c3, ref values, 8);
                var m2 = AtLeast(c4, c5, ref values, 16);
                var m3 = AtLeast(c6, c7, ref values, 24);
                Unsafe.AddByteOffset(ref passWord, Unsafe.Add(ref at, 1)) = ColumnOrder(SignBits(m0, m1, m2, m3));
            }
        }

        // Interpolated samples, two at a time (their nearest differences joined before the one store), each a
        // difference d = dr·bottom + ((1 − dr)·top − (centre + T)) in single precision, the operations and order of
        // IFilterLanes.OverAbove, so that SettlePlanes's scalar replay finds the same lanes.
        if (interpolated.IsEmpty)
        {
            return n;
        }

        // Bit p: pass p has unsettled columns (meaningful up to 64 passes: the shift wraps past them).
        ulong flagged;
        fixed (float* singles = ring.Singles, dataAt = passData, singleCentres = bandSingles)
        fixed (uint* planeAt = planes)
        {
            // The first pair (or the lone sample, given twice) also writes the pass data; the band's single-precision
            // copy holds the centres rounded as Filter256.Centre rounds them. The last pair leaves, instead of the
            // nearest differences, the pass's unsettled columns (bit j: column j's nearest difference within 2T).
            var limits = Vector256.Create(UnsettledLimit(tolerance) + 1);
            var count = interpolated.Length;
            var second = count > 1 ? 1 : 0;
            if (count <= 2)
            {
                flagged = InterpolatedPair(singles, interpolated[0], interpolated[second], dataAt, planeAt, planeStride, passes, singleCentres + centre, slack, limits, writesPassData: true, flagsUnsettled: true);
            }
            else
            {
                InterpolatedPair(singles, interpolated[0], interpolated[1], dataAt, planeAt, planeStride, passes, singleCentres + centre, slack, limits, writesPassData: true, flagsUnsettled: false);
                var i = 2;
                for (; i + 2 < count; i += 2)
                {
                    InterpolatedPair(singles, interpolated[i], interpolated[i + 1], dataAt, planeAt, planeStride, passes, null, slack, limits, writesPassData: false, flagsUnsettled: false);
                }

                // The last one or two.
                flagged = InterpolatedPair(singles, interpolated[i], interpolated[count - 1], dataAt, planeAt, planeStride, passes, null, slack, limits, writesPassData: false, flagsUnsettled: true);
            }
        }

        // The flagged passes by their bits: a branch per pass on whether it has unsettled columns (a fifth of 8:1's do,
        // in no order a predictor finds) cost a misprediction every few passes. Strips of more than 64 passes look at each.
        if (passes <= 64)
        {
            for (; flagged != 0; flagged &= flagged - 1)
            {
                Settle(band, centre, firstColumn, ring, interpolated, tolerance, BitOperations.TrailingZeroCount(flagged), passData, planes, planeStride);
            }
        }
        else
        {
            for (var pass = 0; pass < passes; pass++)
            {
                Settle(band, centre, firstColumn, ring, interpolated, tolerance, pass, passData, planes, planeStride);
            }
        }

        return n;
    }

    /// <summary>The unsettled columns of pass <paramref name="pass"/>, if it has any, by <see cref="SettleQuads"/> or <see cref="SettlePlanes"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Settle(ReadOnlySpan<double> band, int centre, int firstColumn, RowInterpolations ring, ReadOnlySpan<SharedSample> interpolated, float tolerance, int pass, ReadOnlySpan<float> passData, Span<uint> planes, int planeStride)
    {
        var columns = Unsafe.As<float, uint>(ref Unsafe.Add(ref MemoryMarshal.GetReference(passData), (pass * PassData) + PlaneColumns));
        if (columns == 0)
        {
            return;
        }

        if (interpolated.Length <= QuadSettleLimit)
        {
            SettleQuads(band, centre, firstColumn, interpolated, pass, columns, planes, planeStride);
        }
        else
        {
            SettlePlanes(band, centre, firstColumn, ring, interpolated, tolerance, pass, columns, planes, planeStride);
        }
    }

    /// <summary>
    /// The plane words of two interpolated samples over every pass (a sample given twice is computed twice, harmlessly):
    /// one index into the ring rows and one pointer into the pass data, the vectors at constant offsets from them, the
    /// weights in registers for the row. The first pair of a row (<paramref name="writesPassData"/>) computes each pass's
    /// <c>−(centre + T)</c> from <paramref name="centres"/> (single precision) and stores it with the pass's first
    /// nearest differences; the others read both. The last (<paramref name="flagsUnsettled"/>) stores, instead of the
    /// nearest differences, the pass's unsettled columns as one mask: those within 2T of zero, below
    /// <paramref name="limits"/> as signed integers; it returns bit p set where pass p has one (p modulo 64), the others 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe ulong InterpolatedPair(float* singles, in SharedSample first, in SharedSample second, float* passData, uint* planes, int planeStride, int passes, float* centres, Vector256<float> slack, Vector256<int> limits, bool writesPassData, bool flagsUnsettled)
    {
        var topA = singles + first.Top;
        var bottomA = singles + first.Bottom;
        var topB = singles + second.Top;
        var bottomB = singles + second.Bottom;
        var wordA = planes + (BitOperations.TrailingZeroCount(first.Bit) * planeStride);
        var wordB = planes + (BitOperations.TrailingZeroCount(second.Bit) * planeStride);
        var drA = Vector256.Create(first.SingleDr);
        var oneMinusDrA = Vector256.Create(first.SingleOneMinusDr);
        var drB = Vector256.Create(second.SingleDr);
        var oneMinusDrB = Vector256.Create(second.SingleOneMinusDr);

        // −(centre + T) and the nearest differences of a pass side by side, through one pointer: the vectors at
        // constant offsets from it (an address both loaded and stored, indexed, cost the JIT an address computation
        // per vector); the two samples' differences joined before the one load and store of a nearest vector.
        var data = passData;
        var endA = wordA + passes;
        nint c = 0;
        var flagged = 0UL;
        for (; wordA < endA; wordA++, wordB++, c += PlaneColumns, data += PassData)
        {
            Vector256<float> a0, b0, a1, b1, a2, b2, a3, b3;
            Vector256<int> n0, n1, n2, n3;
            if (writesPassData)
            {
                var above = MinusAbove(centres + c, data, slack);
                a0 = Difference(topA + c, bottomA + c, above, drA, oneMinusDrA);
                b0 = Difference(topB + c, bottomB + c, above, drB, oneMinusDrB);
                above = MinusAbove(centres + c + 8, data + 8, slack);
                a1 = Difference(topA + c + 8, bottomA + c + 8, above, drA, oneMinusDrA);
                b1 = Difference(topB + c + 8, bottomB + c + 8, above, drB, oneMinusDrB);
                above = MinusAbove(centres + c + 16, data + 16, slack);
                a2 = Difference(topA + c + 16, bottomA + c + 16, above, drA, oneMinusDrA);
                b2 = Difference(topB + c + 16, bottomB + c + 16, above, drB, oneMinusDrB);
                above = MinusAbove(centres + c + 24, data + 24, slack);
                a3 = Difference(topA + c + 24, bottomA + c + 24, above, drA, oneMinusDrA);
                b3 = Difference(topB + c + 24, bottomB + c + 24, above, drB, oneMinusDrB);
                n0 = Avx2.Min(a0.AsInt32(), b0.AsInt32());
                n1 = Avx2.Min(a1.AsInt32(), b1.AsInt32());
                n2 = Avx2.Min(a2.AsInt32(), b2.AsInt32());
                n3 = Avx2.Min(a3.AsInt32(), b3.AsInt32());
            }
            else
            {
                a0 = Difference(topA + c, bottomA + c, data, drA, oneMinusDrA);
                b0 = Difference(topB + c, bottomB + c, data, drB, oneMinusDrB);
                a1 = Difference(topA + c + 8, bottomA + c + 8, data + 8, drA, oneMinusDrA);
                b1 = Difference(topB + c + 8, bottomB + c + 8, data + 8, drB, oneMinusDrB);
                a2 = Difference(topA + c + 16, bottomA + c + 16, data + 16, drA, oneMinusDrA);
                b2 = Difference(topB + c + 16, bottomB + c + 16, data + 16, drB, oneMinusDrB);
                a3 = Difference(topA + c + 24, bottomA + c + 24, data + 24, drA, oneMinusDrA);
                b3 = Difference(topB + c + 24, bottomB + c + 24, data + 24, drB, oneMinusDrB);
                n0 = Nearest(data + PlaneColumns, a0, b0);
                n1 = Nearest(data + PlaneColumns + 8, a1, b1);
                n2 = Nearest(data + PlaneColumns + 16, a2, b2);
                n3 = Nearest(data + PlaneColumns + 24, a3, b3);
            }

            if (flagsUnsettled)
            {
                // Unsettled: a nearest difference at most the limit, as signed integers (the limits are limit + 1).
                var unsettled = (uint)Avx.MoveMask(Avx2.CompareGreaterThan(limits, n0).AsSingle())
                    | ((uint)Avx.MoveMask(Avx2.CompareGreaterThan(limits, n1).AsSingle()) << 8)
                    | ((uint)Avx.MoveMask(Avx2.CompareGreaterThan(limits, n2).AsSingle()) << 16)
                    | ((uint)Avx.MoveMask(Avx2.CompareGreaterThan(limits, n3).AsSingle()) << 24);
                *(uint*)(data + PlaneColumns) = unsettled;
                flagged |= (ulong)Unsafe.BitCast<bool, byte>(unsettled != 0) << (int)((nuint)c / PlaneColumns);
            }
            else
            {
                Avx.Store(data + PlaneColumns, n0.AsSingle());
                Avx.Store(data + PlaneColumns + 8, n1.AsSingle());
                Avx.Store(data + PlaneColumns + 16, n2.AsSingle());
                Avx.Store(data + PlaneColumns + 24, n3.AsSingle());
            }

            // A set sign bit is a negative difference: the bit is clear there.
            *wordA = ~SignBits(a0, a1, a2, a3);
            *wordB = ~SignBits(b0, b1, b2, b3);
        }

        return flagged;
    }

    /// <summary>Eight columns' <c>−(centre + T)</c> from their single-precision centres, stored for the later pairs.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<float> MinusAbove(float* centres, float* above, Vector256<float> slack)
    {
        var value = Filter256.MinusAbove(Avx.LoadVector256(centres), slack);
        Avx.Store(above, value);
        return value;
    }

    /// <summary><see cref="Difference(float*, float*, float*, Vector256{float}, Vector256{float})"/> with −(centre + T) in a register.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<float> Difference(float* top, float* bottom, Vector256<float> above, Vector256<float> dr, Vector256<float> oneMinusDr) =>
        Fma.MultiplyAdd(Avx.LoadVector256(bottom), dr, Fma.MultiplyAdd(Avx.LoadVector256(top), oneMinusDr, above));

    /// <summary>Eight columns' difference; products in the order the JIT fuses without copying a weight.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<float> Difference(float* top, float* bottom, float* above, Vector256<float> dr, Vector256<float> oneMinusDr) =>
        Fma.MultiplyAdd(Avx.LoadVector256(bottom), dr, Fma.MultiplyAdd(Avx.LoadVector256(top), oneMinusDr, Avx.LoadVector256(above)));

    /// <summary>Eight columns' negative difference nearest zero so far (the smallest as a signed integer).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector256<int> Nearest(float* nearest, Vector256<float> a, Vector256<float> b) =>
        Avx2.Min(Avx2.Min(Avx.LoadVector256(nearest).AsInt32(), a.AsInt32()), b.AsInt32());

    /// <summary>Eight columns' <c>value ≥ centre</c> in double, as a mask of 32-bit lanes: columns 0, 1, 4, 5, 2, 3, 6, 7.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> AtLeast(Vector256<double> lowCentres, Vector256<double> highCentres, ref double values, nuint c)
    {
        var low = Avx.CompareLessThanOrEqual(lowCentres, Vector256.LoadUnsafe(ref values, c));
        var high = Avx.CompareLessThanOrEqual(highCentres, Vector256.LoadUnsafe(ref values, c + 4));

        // The low 32 bits of every 64-bit mask: [c0 c1 c4 c5 | c2 c3 c6 c7] (ColumnOrder puts the word's bits in place).
        return Avx.Shuffle(low.AsSingle(), high.AsSingle(), 0b10_00_10_00);
    }

    /// <summary>
    /// The plane word of <see cref="AtLeast"/> masks in the order of <see cref="PlaneColumn"/>: their 128-bit halves
    /// hold columns 0, 1, 4, 5 and 2, 3, 6, 7 of their eight, so the word's low nibbles (first halves) have columns
    /// 4, 5 where 2, 3 belong, and the high nibbles the reverse: one exchange of those bit pairs, fourteen apart, in
    /// five integer instructions, instead of a lane permutation per vector.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint ColumnOrder(uint word)
    {
        var swap = ((word >> 14) ^ word) & 0x0000_CCCCu;
        return word ^ swap ^ (swap << 14);
    }

    /// <summary>
    /// The sign bits of four vectors of 32-bit lanes as one word (bit j from column <see cref="PlaneColumn"/>(j)): two
    /// saturating packs to 16 bits and one to 8 keep every sign, and the byte mask gathers them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint SignBits(Vector256<float> v0, Vector256<float> v1, Vector256<float> v2, Vector256<float> v3)
    {
        var low = Avx2.PackSignedSaturate(v0.AsInt32(), v1.AsInt32());
        var high = Avx2.PackSignedSaturate(v2.AsInt32(), v3.AsInt32());
        return (uint)Avx2.MoveMask(Avx2.PackSignedSaturate(low, high));
    }

    /// <summary>
    /// The unsettled columns of pass <paramref name="pass"/> (bit j of <paramref name="columns"/>: column j) four at a
    /// time: every interpolated sample of each quad of columns with one unsettled gets the double decision of
    /// <see cref="ExactAtLeast"/>, its operations in the same order on four lanes (the weight from the column, products
    /// and sums unfused), into the unsettled columns' bits only. No rescreen: a settled sample's single-precision test
    /// already agrees with the double decision. A quad's four columns are four adjacent bits of a plane word
    /// (<see cref="PlaneBit"/>), so one decision updates them with a shift and a mask.
    /// </summary>
    /// <remarks>
    /// Unsettled columns are exact ties: a 2×2 neighbourhood whose interpolation balances the centre exactly (a flat
    /// one, or opposite neighbours that cancel) rounds to within an ulp of it. One at a time (<see cref="SettlePlanes"/>), each cost ~100 cycles:
    /// calls, a rescreen of every sample, branches no predictor guesses. Every sample of a quad at once is cheaper for
    /// 8:1's four samples (kernel 2.12 → 2.08 ns/px), and a flat area's quads have all four columns unsettled; for
    /// 24:3's twenty the rescreen of one column is cheaper (5.16 against 5.29 ns/px).
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void SettleQuads(ReadOnlySpan<double> band, int centre, int firstColumn, ReadOnlySpan<SharedSample> interpolated, int pass, uint columns, Span<uint> planes, int planeStride)
    {
        ref var bandStart = ref MemoryMarshal.GetReference(band);
        ref var first = ref MemoryMarshal.GetReference(interpolated);
        ref var end = ref Unsafe.Add(ref first, interpolated.Length);
        ref var passWord = ref Unsafe.Add(ref MemoryMarshal.GetReference(planes), pass);
        var steps = Vector128.Create(0, 1, 2, 3);
        while (columns != 0)
        {
            var quad = BitOperations.TrailingZeroCount(columns) & ~3;
            var shift = PlaneBit(quad);
            var mask = ((columns >> quad) & 0xFu) << shift;
            columns &= ~(0xFu << quad);
            var at = (pass * PlaneColumns) + quad;
            var centres = Vector256.LoadUnsafe(ref bandStart, (nuint)(centre + at));
            var positions = Avx.ConvertToVector256Double(Vector128.Create(firstColumn + at) + steps);
            for (ref var sample = ref first; Unsafe.IsAddressLessThan(ref sample, ref end); sample = ref Unsafe.Add(ref sample, 1))
            {
                var source = sample.Source;
                var position = Avx.Add(positions, Vector256.Create(source.Offset));
                var w = Avx.Subtract(position, Avx.RoundToNegativeInfinity(position));
                var w1 = Avx.Subtract(Vector256<double>.One, w);
                ref var left = ref Unsafe.Add(ref bandStart, firstColumn + source.Left + at);
                var top = Horizontal(ref left, (nuint)source.Right, w, w1);
                var bottom = source.Down == 0 ? top : Horizontal(ref Unsafe.Add(ref left, source.Down), (nuint)source.Right, w, w1);
                var value = Avx.Add(Avx.Multiply(Vector256.Create(sample.OneMinusDr), top), Avx.Multiply(Vector256.Create(sample.Dr), bottom));
                var atLeast = (uint)Avx.MoveMask(Avx.CompareGreaterThanOrEqual(value, centres)) << shift;
                ref var word = ref Unsafe.Add(ref passWord, BitOperations.TrailingZeroCount(sample.Bit) * planeStride);
                word = (word & ~mask) | (atLeast & mask);
            }
        }
    }

    /// <summary>Four columns' <c>(1 − dc)·left + dc·right</c> in double, unfused, as <see cref="ExactAtLeast"/> computes one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Horizontal(ref double left, nuint right, Vector256<double> w, Vector256<double> w1) =>
        Avx.Add(Avx.Multiply(w1, Vector256.LoadUnsafe(ref left)), Avx.Multiply(w, Vector256.LoadUnsafe(ref left, right)));

    /// <summary>
    /// The unsettled columns of pass <paramref name="pass"/> (bit j of <paramref name="columns"/>: column j, its nearest
    /// difference within 2T of zero): each column's interpolated samples are screened again one by one, with the
    /// vector's operations and without a branch per sample, and those left unsettled get the double decision of
    /// <see cref="ExactAtLeast"/> in their plane's bit. Scalar: an unsettled column is mostly alone in its pass, and a
    /// vector screen of the pass (every sample's four vectors) measured slower.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void SettlePlanes(ReadOnlySpan<double> band, int centre, int firstColumn, RowInterpolations ring, ReadOnlySpan<SharedSample> interpolated, float tolerance, int pass, uint columns, Span<uint> planes, int planeStride)
    {
        ref var singles = ref MemoryMarshal.GetReference(ring.Singles);
        ref var first = ref MemoryMarshal.GetReference(interpolated);
        var limit = UnsettledLimit(tolerance);
        for (; columns != 0; columns &= columns - 1)
        {
            var offset = BitOperations.TrailingZeroCount(columns);
            var at = (pass * PlaneColumns) + offset;
            var bit = 1u << PlaneBit(offset);
            for (var flagged = UnsettledSamples<Filter256>(band, centre, ref singles, interpolated, tolerance, limit, at); flagged != 0; flagged &= flagged - 1)
            {
                ref readonly var sample = ref Unsafe.Add(ref first, BitOperations.TrailingZeroCount(flagged));
                ref var word = ref planes[(BitOperations.TrailingZeroCount(sample.Bit) * planeStride) + pass];
                // Without a branch on the decision, which no predictor can guess: the bool as 0 or 1, negated to a mask.
                var atLeast = ExactAtLeast(band, centre, firstColumn, sample, at);
                word = (word & ~bit) | (bit & (0u - Unsafe.BitCast<bool, byte>(atLeast)));
            }
        }
    }
}
