using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace SparkImaging.Benchmarks;

/// <summary>What this process's runtime accelerates, in one line: printed by <c>isa</c>, <c>kernel</c> and <c>selfcheck</c>, and written into bench.sh's results.</summary>
internal static class Isa
{
    /// <summary>
    /// Architecture, the vector widths the runtime accelerates, and the instruction sets the kernels choose by:
    /// VBMI (byte tally by table), AVX2 and SSSE3 (byte shuffles), FMA (fused single-precision steps), AdvSimd.
    /// </summary>
    public static string Describe() =>
        $"{RuntimeInformation.ProcessArchitecture} vector512={Vector512.IsHardwareAccelerated} vector256={Vector256.IsHardwareAccelerated} " +
        $"vector128={Vector128.IsHardwareAccelerated} vbmi={Avx512Vbmi.IsSupported} advsimd={AdvSimd.IsSupported} avx2={Avx2.IsSupported} " +
        $"ssse3={Ssse3.IsSupported} fma={Fma.IsSupported}";
}
