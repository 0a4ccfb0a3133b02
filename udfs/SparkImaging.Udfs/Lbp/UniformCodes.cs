using System.Numerics;
using System.Runtime.CompilerServices;

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
}
