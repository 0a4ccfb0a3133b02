using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SparkImaging.Udfs.Lbp;

/// <summary>
/// The vectorised row path: for one block of consecutive columns, every sample in turn, with the block's patterns
/// held in a register rather than loaded and stored once per sample. The widest vector the machine accelerates is
/// chosen at run time; the caller finishes the row with <see cref="ScalarPattern"/>, which evaluates the same
/// multiplications and additions in the same order (no fused multiply-add), so the patterns are equal.
/// The vector path recomputes the column weights <c>dc = (c + cp) − floor(c + cp)</c> with the table's exact
/// operations instead of loading them: P table rows are P memory streams that do not fit in L1, the arithmetic is cheaper.
/// </summary>
internal static partial class SampleLanes
{
    /// <summary>Patterns of columns [0, n), n the largest multiple of the vector width; returns n (0 without SIMD).</summary>
    public static int Patterns(ReadOnlySpan<double> band, int centre, ReadOnlySpan<InteriorSample> samples, int columns, Span<ulong> patterns)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            return Patterns<Vector512<double>, Lanes512>(band, centre, samples, columns, patterns);
        }

        if (Vector256.IsHardwareAccelerated)
        {
            return Patterns<Vector256<double>, Lanes256>(band, centre, samples, columns, patterns);
        }

        return Vector128.IsHardwareAccelerated
            ? Patterns<Vector128<double>, Lanes128>(band, centre, samples, columns, patterns)
            : 0;
    }

    /// <summary>The pattern of one column: the scalar reference of the vector path, and its tail.</summary>
    public static ulong ScalarPattern(ReadOnlySpan<double> band, int centre, ReadOnlySpan<InteriorSample> samples, InteriorTables tables, int column)
    {
        var dc = tables.AllWeights;
        var oneMinusDc = tables.AllComplements;
        var centreValue = band[centre + column];
        var pattern = 0UL;
        for (var i = 0; i < samples.Length; i++)
        {
            var sample = samples[i];
            var at = sample.TopLeft + column;
            double value;
            if (sample.IsPixel)
            {
                value = band[at];
            }
            else
            {
                var w = dc[(i * tables.Columns) + column];
                var w1 = oneMinusDc[(i * tables.Columns) + column];
                var top = (w1 * band[at]) + (w * band[at + sample.Right]);
                var bottom = (w1 * band[at + sample.Down]) + (w * band[at + sample.Down + sample.Right]);
                value = (sample.OneMinusDr * top) + (sample.Dr * bottom);
            }

            if (value - centreValue >= 0)
            {
                pattern |= sample.Bit;
            }
        }

        return pattern;
    }

    private static int Patterns<TVector, TLanes>(ReadOnlySpan<double> band, int centre, ReadOnlySpan<InteriorSample> samples, int columns, Span<ulong> patterns)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
    {
        ref var pixels = ref MemoryMarshal.GetReference(band);
        ref var first = ref MemoryMarshal.GetReference(samples);
        ref var bits = ref MemoryMarshal.GetReference(patterns);
        var count = samples.Length;
        var c = 0;
        for (; c + TLanes.Count <= columns; c += TLanes.Count)
        {
            var centreValues = TLanes.Load(ref Unsafe.Add(ref pixels, centre + c));
            var columnIndices = TLanes.Indices(c);
            var pattern = TLanes.Zero;
            for (var i = 0; i < count; i++)
            {
                ref readonly var sample = ref Unsafe.Add(ref first, i);
                ref var at = ref Unsafe.Add(ref pixels, sample.TopLeft + c);
                var value = sample.IsPixel
                    ? TLanes.Load(ref at)
                    : TLanes.Interpolate(ref at, (nuint)sample.Right, (nuint)sample.Down, columnIndices, sample.ColumnOffset, sample.Dr, sample.OneMinusDr);
                pattern = TLanes.Set(pattern, value, centreValues, sample.Bit);
            }

            TLanes.Store(pattern, ref Unsafe.Add(ref bits, c));
        }

        return c;
    }

    /// <summary>The few operations the block loop needs, per vector width; patterns travel as the bits of a double vector.</summary>
    private interface ILanes<TVector>
        where TVector : struct
    {
        static abstract int Count { get; }

        static abstract TVector Zero { get; }

        static abstract TVector Load(ref double source);

        /// <summary>Columns <c>first, first + 1, …</c> as doubles.</summary>
        static abstract TVector Indices(int first);

        /// <summary>
        /// <c>(1 − dr)·((1 − dc)·tl + dc·tr) + dr·((1 − dc)·bl + dc·br)</c> in scikit-image's order, with
        /// <c>dc = (c + offset) − floor(c + offset)</c> as <see cref="InteriorTables"/> computes it.
        /// </summary>
        static abstract TVector Interpolate(ref double topLeft, nuint right, nuint down, TVector columns, double offset, double dr, double oneMinusDr);

        /// <summary><c>(1 − dc)·left + dc·(left + right)</c>.</summary>
        static abstract TVector Horizontal(ref double left, nuint right, TVector dc, TVector oneMinusDc);

        /// <summary><c>(1 − dr)·top + dr·bottom</c>.</summary>
        static abstract TVector Vertical(ref double top, ref double bottom, double dr, double oneMinusDr);

        static abstract void StoreValues(TVector values, ref double destination);

        static abstract TVector Broadcast(double value);

        static abstract TVector BroadcastBits(ulong bits);

        /// <summary><see cref="Vertical"/> with the weights already broadcast; reads at <paramref name="offset"/> elements.</summary>
        static abstract TVector Vertical(ref double top, ref double bottom, nuint offset, TVector dr, TVector oneMinusDr);

        /// <summary>
        /// Sets <paramref name="bit"/> where <c>value ≥ centre</c>: the same as <c>value − centre ≥ 0</c> when the
        /// centre is finite (the difference of two unequal doubles is never zero under IEEE gradual underflow, and an
        /// infinite or NaN value compares alike both ways), one operation fewer.
        /// </summary>
        static abstract TVector SetAtLeast(TVector pattern, TVector value, TVector centre, TVector bit);

        static abstract TVector Load(ref double source, nuint offset);

        /// <summary>Sets <paramref name="bit"/> in the lanes where <c>value − centre ≥ 0</c>.</summary>
        static abstract TVector Set(TVector pattern, TVector value, TVector centre, ulong bit);

        static abstract void Store(TVector pattern, ref ulong destination);
    }

    private readonly struct Lanes512 : ILanes<Vector512<double>>
    {
        public static int Count => Vector512<double>.Count;

        public static Vector512<double> Zero => Vector512<double>.Zero;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Load(ref double source) => Vector512.LoadUnsafe(ref source);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Indices(int first) => Vector512.Create((double)first) + Vector512.Create(0.0, 1, 2, 3, 4, 5, 6, 7);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Interpolate(ref double topLeft, nuint right, nuint down, Vector512<double> columns, double offset, double dr, double oneMinusDr)
        {
            var position = columns + Vector512.Create(offset);
            var w = position - Vector512.Floor(position);
            var w1 = Vector512<double>.One - w;
            var top = (w1 * Vector512.LoadUnsafe(ref topLeft)) + (w * Vector512.LoadUnsafe(ref topLeft, right));
            var bottom = (w1 * Vector512.LoadUnsafe(ref topLeft, down)) + (w * Vector512.LoadUnsafe(ref topLeft, down + right));
            return (Vector512.Create(oneMinusDr) * top) + (Vector512.Create(dr) * bottom);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Horizontal(ref double left, nuint right, Vector512<double> dc, Vector512<double> oneMinusDc) =>
            (oneMinusDc * Vector512.LoadUnsafe(ref left)) + (dc * Vector512.LoadUnsafe(ref left, right));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Vertical(ref double top, ref double bottom, double dr, double oneMinusDr) =>
            (Vector512.Create(oneMinusDr) * Vector512.LoadUnsafe(ref top)) + (Vector512.Create(dr) * Vector512.LoadUnsafe(ref bottom));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Broadcast(double value) => Vector512.Create(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> BroadcastBits(ulong bits) => Vector512.Create(bits).AsDouble();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Vertical(ref double top, ref double bottom, nuint offset, Vector512<double> dr, Vector512<double> oneMinusDr) =>
            (oneMinusDr * Vector512.LoadUnsafe(ref top, offset)) + (dr * Vector512.LoadUnsafe(ref bottom, offset));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> SetAtLeast(Vector512<double> pattern, Vector512<double> value, Vector512<double> centre, Vector512<double> bit) =>
            pattern | (Vector512.GreaterThanOrEqual(value, centre) & bit);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Load(ref double source, nuint offset) => Vector512.LoadUnsafe(ref source, offset);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void StoreValues(Vector512<double> values, ref double destination) => values.StoreUnsafe(ref destination);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<double> Set(Vector512<double> pattern, Vector512<double> value, Vector512<double> centre, ulong bit) =>
            pattern | (Vector512.GreaterThanOrEqual(value - centre, Vector512<double>.Zero) & Vector512.Create(bit).AsDouble());

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(Vector512<double> pattern, ref ulong destination) => pattern.AsUInt64().StoreUnsafe(ref destination);
    }

    private readonly struct Lanes256 : ILanes<Vector256<double>>
    {
        public static int Count => Vector256<double>.Count;

        public static Vector256<double> Zero => Vector256<double>.Zero;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> Load(ref double source) => Vector256.LoadUnsafe(ref source);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> Indices(int first) => Vector256.Create((double)first) + Vector256.Create(0.0, 1, 2, 3);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> Interpolate(ref double topLeft, nuint right, nuint down, Vector256<double> columns, double offset, double dr, double oneMinusDr)
        {
            var position = columns + Vector256.Create(offset);
            var w = position - Vector256.Floor(position);
            var w1 = Vector256<double>.One - w;
            var top = (w1 * Vector256.LoadUnsafe(ref topLeft)) + (w * Vector256.LoadUnsafe(ref topLeft, right));
            var bottom = (w1 * Vector256.LoadUnsafe(ref topLeft, down)) + (w * Vector256.LoadUnsafe(ref topLeft, down + right));
            return (Vector256.Create(oneMinusDr) * top) + (Vector256.Create(dr) * bottom);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> Horizontal(ref double left, nuint right, Vector256<double> dc, Vector256<double> oneMinusDc) =>
            (oneMinusDc * Vector256.LoadUnsafe(ref left)) + (dc * Vector256.LoadUnsafe(ref left, right));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> Vertical(ref double top, ref double bottom, double dr, double oneMinusDr) =>
            (Vector256.Create(oneMinusDr) * Vector256.LoadUnsafe(ref top)) + (Vector256.Create(dr) * Vector256.LoadUnsafe(ref bottom));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> Broadcast(double value) => Vector256.Create(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> BroadcastBits(ulong bits) => Vector256.Create(bits).AsDouble();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> Vertical(ref double top, ref double bottom, nuint offset, Vector256<double> dr, Vector256<double> oneMinusDr) =>
            (oneMinusDr * Vector256.LoadUnsafe(ref top, offset)) + (dr * Vector256.LoadUnsafe(ref bottom, offset));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> SetAtLeast(Vector256<double> pattern, Vector256<double> value, Vector256<double> centre, Vector256<double> bit) =>
            pattern | (Vector256.GreaterThanOrEqual(value, centre) & bit);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> Load(ref double source, nuint offset) => Vector256.LoadUnsafe(ref source, offset);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void StoreValues(Vector256<double> values, ref double destination) => values.StoreUnsafe(ref destination);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<double> Set(Vector256<double> pattern, Vector256<double> value, Vector256<double> centre, ulong bit) =>
            pattern | (Vector256.GreaterThanOrEqual(value - centre, Vector256<double>.Zero) & Vector256.Create(bit).AsDouble());

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(Vector256<double> pattern, ref ulong destination) => pattern.AsUInt64().StoreUnsafe(ref destination);
    }

    private readonly struct Lanes128 : ILanes<Vector128<double>>
    {
        public static int Count => Vector128<double>.Count;

        public static Vector128<double> Zero => Vector128<double>.Zero;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<double> Load(ref double source) => Vector128.LoadUnsafe(ref source);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<double> Indices(int first) => Vector128.Create((double)first) + Vector128.Create(0.0, 1);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<double> Interpolate(ref double topLeft, nuint right, nuint down, Vector128<double> columns, double offset, double dr, double oneMinusDr)
        {
            var position = columns + Vector128.Create(offset);
            var w = position - Vector128.Floor(position);
            var w1 = Vector128<double>.One - w;
            var top = (w1 * Vector128.LoadUnsafe(ref topLeft)) + (w * Vector128.LoadUnsafe(ref topLeft, right));
            var bottom = (w1 * Vector128.LoadUnsafe(ref topLeft, down)) + (w * Vector128.LoadUnsafe(ref topLeft, down + right));
            return (Vector128.Create(oneMinusDr) * top) + (Vector128.Create(dr) * bottom);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<double> Horizontal(ref double left, nuint right, Vector128<double> dc, Vector128<double> oneMinusDc) =>
            (oneMinusDc * Vector128.LoadUnsafe(ref left)) + (dc * Vector128.LoadUnsafe(ref left, right));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<double> Vertical(ref double top, ref double bottom, double dr, double oneMinusDr) =>
            (Vector128.Create(oneMinusDr) * Vector128.LoadUnsafe(ref top)) + (Vector128.Create(dr) * Vector128.LoadUnsafe(ref bottom));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<double> Broadcast(double value) => Vector128.Create(value);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<double> BroadcastBits(ulong bits) => Vector128.Create(bits).AsDouble();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<double> Vertical(ref double top, ref double bottom, nuint offset, Vector128<double> dr, Vector128<double> oneMinusDr) =>
            (oneMinusDr * Vector128.LoadUnsafe(ref top, offset)) + (dr * Vector128.LoadUnsafe(ref bottom, offset));

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<double> SetAtLeast(Vector128<double> pattern, Vector128<double> value, Vector128<double> centre, Vector128<double> bit) =>
            pattern | (Vector128.GreaterThanOrEqual(value, centre) & bit);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<double> Load(ref double source, nuint offset) => Vector128.LoadUnsafe(ref source, offset);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void StoreValues(Vector128<double> values, ref double destination) => values.StoreUnsafe(ref destination);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector128<double> Set(Vector128<double> pattern, Vector128<double> value, Vector128<double> centre, ulong bit) =>
            pattern | (Vector128.GreaterThanOrEqual(value - centre, Vector128<double>.Zero) & Vector128.Create(bit).AsDouble());

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Store(Vector128<double> pattern, ref ulong destination) => pattern.AsUInt64().StoreUnsafe(ref destination);
    }
}
