using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SparkImaging.Udfs.Lbp;

/// <content>
/// The shared-rows kernel: horizontal interpolations of a row, and patterns from two of them per sample.
/// Same operations and order as <see cref="ScalarPattern"/>: <c>top = (1 − dc)·tl + dc·tr</c>, then
/// <c>(1 − dr)·top + dr·bottom</c>; only used on finite bands, where <c>value ≥ centre</c> decides as
/// <c>value − centre ≥ 0</c> does.
/// </content>
internal static partial class SampleLanes
{
    /// <summary>
    /// One column offset's interpolations of one row of the strip, <paramref name="width"/> columns (see
    /// <see cref="KeyRow"/>): the vector loop and its scalar tail.
    /// </summary>
    public static void Interpolations(ReadOnlySpan<double> band, KeyRow key, ReadOnlySpan<double> dc, ReadOnlySpan<double> oneMinusDc, Span<double> values, int width)
    {
        var c = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            c = Interpolations<Vector512<double>, Lanes512>(band, key, dc, oneMinusDc, values, width);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            c = Interpolations<Vector256<double>, Lanes256>(band, key, dc, oneMinusDc, values, width);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            c = Interpolations<Vector128<double>, Lanes128>(band, key, dc, oneMinusDc, values, width);
        }

        for (; c < width; c++)
        {
            var w = dc[key.Weights + c];
            var w1 = oneMinusDc[key.Weights + c];
            values[key.Destination + c] = (w1 * band[key.Left + c]) + (w * band[key.Left + c + key.Right]);
        }
    }

    /// <summary>
    /// Patterns of strip columns [0, n) from the ring (<paramref name="centre"/>: band index of the strip's first
    /// centre pixel; direct samples' indices are from column 0), n the largest multiple of the vector width; returns n.
    /// </summary>
    public static int SharedPatterns(ReadOnlySpan<double> band, int centre, int firstColumn, RowInterpolations ring, ReadOnlySpan<SharedSample> direct, ReadOnlySpan<SharedSample> interpolated, Span<ulong> patterns)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            return SharedPatterns<Vector512<double>, Lanes512>(band, centre, firstColumn, ring, direct, interpolated, patterns);
        }

        if (Vector256.IsHardwareAccelerated)
        {
            return SharedPatterns<Vector256<double>, Lanes256>(band, centre, firstColumn, ring, direct, interpolated, patterns);
        }

        return Vector128.IsHardwareAccelerated
            ? SharedPatterns<Vector128<double>, Lanes128>(band, centre, firstColumn, ring, direct, interpolated, patterns)
            : 0;
    }

    /// <summary>
    /// One strip column of <see cref="SharedPatterns"/> or <see cref="FilteredPatterns"/>, in double: their tail.
    /// The filtered kernel's ring holds single precision only, so its samples are recomputed from the band.
    /// </summary>
    public static ulong ScalarSharedPattern(ReadOnlySpan<double> band, int centre, int firstColumn, RowInterpolations ring, ReadOnlySpan<SharedSample> direct, ReadOnlySpan<SharedSample> interpolated, int column)
    {
        var values = ring.Values;
        var filtered = ring.KeepSingles;

        var centreValue = band[centre + column];
        var pattern = 0UL;
        foreach (var sample in direct)
        {
            if (band[sample.Top + firstColumn + column] >= centreValue)
            {
                pattern |= sample.Bit;
            }
        }

        foreach (var sample in interpolated)
        {
            var atLeast = filtered
                ? ExactAtLeast(band, centre, firstColumn, sample, column)
                : (sample.OneMinusDr * values[sample.Top + column]) + (sample.Dr * values[sample.Bottom + column]) >= centreValue;
            if (atLeast)
            {
                pattern |= sample.Bit;
            }
        }

        return pattern;
    }

    private static int Interpolations<TVector, TLanes>(ReadOnlySpan<double> band, KeyRow key, ReadOnlySpan<double> dc, ReadOnlySpan<double> oneMinusDc, Span<double> values, int width)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
    {
        ref var left = ref Unsafe.Add(ref MemoryMarshal.GetReference(band), key.Left);
        ref var w = ref Unsafe.Add(ref MemoryMarshal.GetReference(dc), key.Weights);
        ref var w1 = ref Unsafe.Add(ref MemoryMarshal.GetReference(oneMinusDc), key.Weights);
        ref var destination = ref Unsafe.Add(ref MemoryMarshal.GetReference(values), key.Destination);
        var right = (nuint)key.Right;
        var c = 0;
        for (; c + TLanes.Count <= width; c += TLanes.Count)
        {
            var value = TLanes.Horizontal(ref Unsafe.Add(ref left, c), right, TLanes.Load(ref Unsafe.Add(ref w, c)), TLanes.Load(ref Unsafe.Add(ref w1, c)));
            TLanes.StoreValues(value, ref Unsafe.Add(ref destination, c));
        }

        return c;
    }

    private static int SharedPatterns<TVector, TLanes>(ReadOnlySpan<double> band, int centre, int firstColumn, RowInterpolations ring, ReadOnlySpan<SharedSample> direct, ReadOnlySpan<SharedSample> interpolated, Span<ulong> patterns)
        where TVector : struct
        where TLanes : struct, ILanes<TVector>
    {
        ref var bandStart = ref MemoryMarshal.GetReference(band);
        ref var pixels = ref Unsafe.Add(ref bandStart, firstColumn);
        ref var values = ref MemoryMarshal.GetReference(ring.Values);
        var columns = patterns.Length;
        ref var firstDirect = ref MemoryMarshal.GetReference(direct);
        ref var firstInterpolated = ref MemoryMarshal.GetReference(interpolated);
        ref var bits = ref MemoryMarshal.GetReference(patterns);
        var c = 0;

        // Four vectors of columns per pass over the samples: each sample's weights, bit and indices serve four.
        const int Unroll = 4;
        var n = (nuint)TLanes.Count;
        for (; c + (Unroll * TLanes.Count) <= columns; c += Unroll * TLanes.Count)
        {
            ref var centres = ref Unsafe.Add(ref bandStart, centre + c);
            var centre0 = TLanes.Load(ref centres, 0);
            var centre1 = TLanes.Load(ref centres, n);
            var centre2 = TLanes.Load(ref centres, 2 * n);
            var centre3 = TLanes.Load(ref centres, 3 * n);
            var pattern0 = TLanes.Zero;
            var pattern1 = TLanes.Zero;
            var pattern2 = TLanes.Zero;
            var pattern3 = TLanes.Zero;
            for (var i = 0; i < direct.Length; i++)
            {
                ref readonly var sample = ref Unsafe.Add(ref firstDirect, i);
                ref var at = ref Unsafe.Add(ref pixels, sample.Top + c);
                var bit = TLanes.BroadcastBits(sample.Bit);
                pattern0 = TLanes.SetAtLeast(pattern0, TLanes.Load(ref at, 0), centre0, bit);
                pattern1 = TLanes.SetAtLeast(pattern1, TLanes.Load(ref at, n), centre1, bit);
                pattern2 = TLanes.SetAtLeast(pattern2, TLanes.Load(ref at, 2 * n), centre2, bit);
                pattern3 = TLanes.SetAtLeast(pattern3, TLanes.Load(ref at, 3 * n), centre3, bit);
            }

            for (var i = 0; i < interpolated.Length; i++)
            {
                ref readonly var sample = ref Unsafe.Add(ref firstInterpolated, i);
                ref var top = ref Unsafe.Add(ref values, sample.Top + c);
                ref var bottom = ref Unsafe.Add(ref values, sample.Bottom + c);
                var dr = TLanes.Broadcast(sample.Dr);
                var oneMinusDr = TLanes.Broadcast(sample.OneMinusDr);
                var bit = TLanes.BroadcastBits(sample.Bit);
                pattern0 = TLanes.SetAtLeast(pattern0, TLanes.Vertical(ref top, ref bottom, 0, dr, oneMinusDr), centre0, bit);
                pattern1 = TLanes.SetAtLeast(pattern1, TLanes.Vertical(ref top, ref bottom, n, dr, oneMinusDr), centre1, bit);
                pattern2 = TLanes.SetAtLeast(pattern2, TLanes.Vertical(ref top, ref bottom, 2 * n, dr, oneMinusDr), centre2, bit);
                pattern3 = TLanes.SetAtLeast(pattern3, TLanes.Vertical(ref top, ref bottom, 3 * n, dr, oneMinusDr), centre3, bit);
            }

            ref var destination = ref Unsafe.Add(ref bits, c);
            TLanes.Store(pattern0, ref destination);
            TLanes.Store(pattern1, ref Unsafe.Add(ref destination, TLanes.Count));
            TLanes.Store(pattern2, ref Unsafe.Add(ref destination, 2 * TLanes.Count));
            TLanes.Store(pattern3, ref Unsafe.Add(ref destination, 3 * TLanes.Count));
        }

        for (; c + TLanes.Count <= columns; c += TLanes.Count)
        {
            var centreValues = TLanes.Load(ref Unsafe.Add(ref bandStart, centre + c));
            var pattern = TLanes.Zero;
            for (var i = 0; i < direct.Length; i++)
            {
                ref readonly var sample = ref Unsafe.Add(ref firstDirect, i);
                pattern = TLanes.SetAtLeast(pattern, TLanes.Load(ref Unsafe.Add(ref pixels, sample.Top + c)), centreValues, TLanes.BroadcastBits(sample.Bit));
            }

            for (var i = 0; i < interpolated.Length; i++)
            {
                ref readonly var sample = ref Unsafe.Add(ref firstInterpolated, i);
                var value = TLanes.Vertical(ref Unsafe.Add(ref values, sample.Top + c), ref Unsafe.Add(ref values, sample.Bottom + c), sample.Dr, sample.OneMinusDr);
                pattern = TLanes.SetAtLeast(pattern, value, centreValues, TLanes.BroadcastBits(sample.Bit));
            }

            TLanes.Store(pattern, ref Unsafe.Add(ref bits, c));
        }

        return c;
    }
}
