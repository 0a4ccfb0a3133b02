using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SparkImaging.Udfs.Lbp;

/// <summary>
/// The vectorised interior path: one sample for a run of consecutive pixels of a row. The widest vector the
/// machine accelerates is chosen at run time; the caller finishes the row with the scalar path, which
/// evaluates the same multiplications and additions in the same order (no fused multiply-add), so codes are equal.
/// </summary>
internal static class SampleLanes
{
    /// <summary>Processes columns from <paramref name="first"/> while a whole vector fits before <paramref name="last"/>; returns the next column.</summary>
    public static int AccumulateInterpolated(ReadOnlySpan<double> image, in InteriorSample sample, ReadOnlySpan<double> dc, ReadOnlySpan<double> oneMinusDc, int centreRow, int first, int last, Span<ulong> patterns)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            return Interpolated<Lanes512>(image, sample, dc, oneMinusDc, centreRow, first, last, patterns);
        }

        if (Vector256.IsHardwareAccelerated)
        {
            return Interpolated<Lanes256>(image, sample, dc, oneMinusDc, centreRow, first, last, patterns);
        }

        return Vector128.IsHardwareAccelerated
            ? Interpolated<Lanes128>(image, sample, dc, oneMinusDc, centreRow, first, last, patterns)
            : first;
    }

    /// <summary>Same for a sample at an integer offset, which is the neighbouring pixel itself.</summary>
    public static int AccumulatePixels(ReadOnlySpan<double> image, in InteriorSample sample, int centreRow, int first, int last, Span<ulong> patterns)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            return Pixels<Lanes512>(image, sample, centreRow, first, last, patterns);
        }

        if (Vector256.IsHardwareAccelerated)
        {
            return Pixels<Lanes256>(image, sample, centreRow, first, last, patterns);
        }

        return Vector128.IsHardwareAccelerated ? Pixels<Lanes128>(image, sample, centreRow, first, last, patterns) : first;
    }

    private static int Interpolated<TLanes>(ReadOnlySpan<double> image, in InteriorSample sample, ReadOnlySpan<double> dc, ReadOnlySpan<double> oneMinusDc, int centreRow, int first, int last, Span<ulong> patterns)
        where TLanes : struct, ILanes
    {
        ref var pixels = ref MemoryMarshal.GetReference(image);
        ref var weights = ref MemoryMarshal.GetReference(dc);
        ref var complements = ref MemoryMarshal.GetReference(oneMinusDc);
        ref var bits = ref MemoryMarshal.GetReference(patterns);
        var oneMinusDr = 1 - sample.Dr;
        var c = first;
        for (; c + TLanes.Count - 1 <= last; c += TLanes.Count)
        {
            TLanes.Interpolated(
                ref Unsafe.Add(ref pixels, sample.TopLeft + c),
                (nuint)sample.Right,
                (nuint)sample.Down,
                ref Unsafe.Add(ref weights, c),
                ref Unsafe.Add(ref complements, c),
                sample.Dr,
                oneMinusDr,
                ref Unsafe.Add(ref pixels, centreRow + c),
                sample.Bit,
                ref Unsafe.Add(ref bits, c));
        }

        return c;
    }

    private static int Pixels<TLanes>(ReadOnlySpan<double> image, in InteriorSample sample, int centreRow, int first, int last, Span<ulong> patterns)
        where TLanes : struct, ILanes
    {
        ref var pixels = ref MemoryMarshal.GetReference(image);
        ref var bits = ref MemoryMarshal.GetReference(patterns);
        var c = first;
        for (; c + TLanes.Count - 1 <= last; c += TLanes.Count)
        {
            TLanes.Pixel(ref Unsafe.Add(ref pixels, sample.TopLeft + c), ref Unsafe.Add(ref pixels, centreRow + c), sample.Bit, ref Unsafe.Add(ref bits, c));
        }

        return c;
    }

    private interface ILanes
    {
        static abstract int Count { get; }

        static abstract void Interpolated(ref double topLeft, nuint right, nuint down, ref double dc, ref double oneMinusDc, double dr, double oneMinusDr, ref double centre, ulong bit, ref ulong pattern);

        static abstract void Pixel(ref double pixel, ref double centre, ulong bit, ref ulong pattern);
    }

    private readonly struct Lanes512 : ILanes
    {
        public static int Count => Vector512<double>.Count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Interpolated(ref double topLeft, nuint right, nuint down, ref double dc, ref double oneMinusDc, double dr, double oneMinusDr, ref double centre, ulong bit, ref ulong pattern)
        {
            var w = Vector512.LoadUnsafe(ref dc);
            var w1 = Vector512.LoadUnsafe(ref oneMinusDc);
            var top = (w1 * Vector512.LoadUnsafe(ref topLeft)) + (w * Vector512.LoadUnsafe(ref topLeft, right));
            var bottom = (w1 * Vector512.LoadUnsafe(ref topLeft, down)) + (w * Vector512.LoadUnsafe(ref topLeft, down + right));
            var value = (Vector512.Create(oneMinusDr) * top) + (Vector512.Create(dr) * bottom);
            Set(value - Vector512.LoadUnsafe(ref centre), bit, ref pattern);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Pixel(ref double pixel, ref double centre, ulong bit, ref ulong pattern) =>
            Set(Vector512.LoadUnsafe(ref pixel) - Vector512.LoadUnsafe(ref centre), bit, ref pattern);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Set(Vector512<double> difference, ulong bit, ref ulong pattern)
        {
            var set = Vector512.GreaterThanOrEqual(difference, Vector512<double>.Zero).AsUInt64() & Vector512.Create(bit);
            (Vector512.LoadUnsafe(ref pattern) | set).StoreUnsafe(ref pattern);
        }
    }

    private readonly struct Lanes256 : ILanes
    {
        public static int Count => Vector256<double>.Count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Interpolated(ref double topLeft, nuint right, nuint down, ref double dc, ref double oneMinusDc, double dr, double oneMinusDr, ref double centre, ulong bit, ref ulong pattern)
        {
            var w = Vector256.LoadUnsafe(ref dc);
            var w1 = Vector256.LoadUnsafe(ref oneMinusDc);
            var top = (w1 * Vector256.LoadUnsafe(ref topLeft)) + (w * Vector256.LoadUnsafe(ref topLeft, right));
            var bottom = (w1 * Vector256.LoadUnsafe(ref topLeft, down)) + (w * Vector256.LoadUnsafe(ref topLeft, down + right));
            var value = (Vector256.Create(oneMinusDr) * top) + (Vector256.Create(dr) * bottom);
            Set(value - Vector256.LoadUnsafe(ref centre), bit, ref pattern);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Pixel(ref double pixel, ref double centre, ulong bit, ref ulong pattern) =>
            Set(Vector256.LoadUnsafe(ref pixel) - Vector256.LoadUnsafe(ref centre), bit, ref pattern);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Set(Vector256<double> difference, ulong bit, ref ulong pattern)
        {
            var set = Vector256.GreaterThanOrEqual(difference, Vector256<double>.Zero).AsUInt64() & Vector256.Create(bit);
            (Vector256.LoadUnsafe(ref pattern) | set).StoreUnsafe(ref pattern);
        }
    }

    private readonly struct Lanes128 : ILanes
    {
        public static int Count => Vector128<double>.Count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Interpolated(ref double topLeft, nuint right, nuint down, ref double dc, ref double oneMinusDc, double dr, double oneMinusDr, ref double centre, ulong bit, ref ulong pattern)
        {
            var w = Vector128.LoadUnsafe(ref dc);
            var w1 = Vector128.LoadUnsafe(ref oneMinusDc);
            var top = (w1 * Vector128.LoadUnsafe(ref topLeft)) + (w * Vector128.LoadUnsafe(ref topLeft, right));
            var bottom = (w1 * Vector128.LoadUnsafe(ref topLeft, down)) + (w * Vector128.LoadUnsafe(ref topLeft, down + right));
            var value = (Vector128.Create(oneMinusDr) * top) + (Vector128.Create(dr) * bottom);
            Set(value - Vector128.LoadUnsafe(ref centre), bit, ref pattern);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Pixel(ref double pixel, ref double centre, ulong bit, ref ulong pattern) =>
            Set(Vector128.LoadUnsafe(ref pixel) - Vector128.LoadUnsafe(ref centre), bit, ref pattern);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Set(Vector128<double> difference, ulong bit, ref ulong pattern)
        {
            var set = Vector128.GreaterThanOrEqual(difference, Vector128<double>.Zero).AsUInt64() & Vector128.Create(bit);
            (Vector128.LoadUnsafe(ref pattern) | set).StoreUnsafe(ref pattern);
        }
    }
}
