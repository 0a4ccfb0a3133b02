using System.Runtime.CompilerServices;

namespace SparkImaging.Udfs.Lbp;

/// <summary>Codes by lookup, for P ≤ 16.</summary>
internal readonly struct TableCodes(int[] table) : ICodes
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Of(ulong pattern) => table[(int)pattern];
}

/// <summary>The pattern itself, for counting patterns (<see cref="LbpCodeMap.CountsPatterns"/>).</summary>
internal readonly struct PatternCodes : ICodes
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Of(ulong pattern) => (int)pattern;
}
