using System.Diagnostics.CodeAnalysis;

namespace SparkImaging.Udfs.Lbp;

/// <summary>
/// Counts byte patterns (P ≤ 8) by code in vectors, for methods with at most <see cref="MaxCodes"/> codes: a vector
/// of patterns is mapped to its codes, then for each code the lanes equal to it are counted in byte counters, which are
/// summed into 64-bit sums before they can overflow. The last code is not compared at all: its count is the patterns
/// counted minus the others'. The mapping is a 256-byte table lookup with AVX-512 VBMI (any method), else the uniform
/// code computed per byte with 16-entry table shuffles (<see cref="CountUniform"/>: AVX2, SSSE3, AdvSimd).
/// </summary>
internal static partial class CodeTally
{
    /// <summary>The most codes a tally takes: beyond this, a compare per code costs more than a scalar increment per pixel.</summary>
    public const int MaxCodes = 16;

    /// <summary>
    /// The most codes <see cref="CountCodes(ReadOnlySpan{byte}, int, Span{long})"/> takes, the uniform codes of P ≤ 32:
    /// more than <see cref="MaxCodes"/>, since there the alternative is not a table lookup per pixel but the code's
    /// computation, its 32-bit store and load, and a scalar increment.
    /// </summary>
    public const int MaxComputedCodes = 34;

    /// <summary>Vectors of codes between two flushes of the byte counters: at most 255, one count per vector each.</summary>
    private const int ChunkVectors = 64;

    /// <summary>64-bit sums kept per code (the VBMI path's eight lanes; the others use the first).</summary>
    private const int SumsPerCode = 8;

    /// <summary>
    /// Whether this machine tallies byte patterns of a method in vectors (else they are counted one by one):
    /// <paramref name="uniform"/>, the method is scikit-image's 'uniform'.
    /// </summary>
    public static bool IsSupported(bool uniform) => VbmiSupported || (uniform && UniformLanes > 0);

    /// <summary>Longs of state a tally of <paramref name="codes"/> codes keeps.</summary>
    public static int StateLength(int codes) => codes * SumsPerCode;

    /// <summary>
    /// Tallies the first n patterns, n the largest multiple of the vector width this machine tallies in, into
    /// <paramref name="state"/> (<see cref="StateLength"/>, cleared before the first call), overwriting them with their
    /// codes; returns n (0 where <see cref="IsSupported"/> is false).
    /// <paramref name="table"/>: the code of each of the 256 byte patterns, every code below <paramref name="codes"/>.
    /// <paramref name="uniformPoints"/>: P when the table is the 'uniform' map of P points (then codes = P + 2), else 0.
    /// </summary>
    public static int Count(Span<byte> patterns, ReadOnlySpan<byte> table, int codes, int uniformPoints, Span<long> state)
    {
        if (table.Length < 256 || codes < 1 || codes > MaxCodes || state.Length < StateLength(codes)
            || uniformPoints < 0 || uniformPoints > 8 || (uniformPoints > 0 && codes != uniformPoints + 2))
        {
            ThrowInvalid(codes, uniformPoints);
        }

        if (VbmiSupported)
        {
            return CountVbmi(patterns, table, codes, state);
        }

        return uniformPoints > 0 ? CountUniform(patterns, uniformPoints, state) : 0;
    }

    /// <summary>Adds the tallied counts of the codes in <paramref name="state"/> to <paramref name="counts"/>.</summary>
    public static void Fold(ReadOnlySpan<long> state, int codes, Span<long> counts)
    {
        var total = state[(codes - 1) * SumsPerCode];
        for (var code = 0; code < codes - 1; code++)
        {
            var count = 0L;
            foreach (var part in state.Slice(code * SumsPerCode, SumsPerCode))
            {
                count += part;
            }

            counts[code] += count;
            total -= count;
        }

        counts[codes - 1] += total;
    }

    // Out of line, so that the string formatting stays out of the hot method.
    [DoesNotReturn]
    private static void ThrowInvalid(int codes, int uniformPoints) =>
        throw new ArgumentException($"A tally of {codes} codes (uniform points {uniformPoints}) needs a 256-entry table, {StateLength(codes)} longs of state, and P + 2 codes for P ≤ 8 uniform points.");
}
