using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SparkImaging.Udfs.Imaging;

/// <summary>
/// The Adler-32 checksum of zlib streams (RFC 1950), 32 bytes a step with AVX2, else 16 with portable
/// <see cref="Vector128"/> code (SSE2 on x86, AdvSimd on ARM64).
/// </summary>
internal static class Adler32
{
    private const uint Modulus = 65521;

    /// <summary>Bytes summed before reducing: zlib's NMAX, the most that cannot overflow 32 bits from a reduced start.</summary>
    private const int Block = 5552;

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        ulong a = 1, b = 0;
        while (!data.IsEmpty)
        {
            var block = data[..Math.Min(Block, data.Length)];
            var vectorLength = Avx2.IsSupported ? block.Length & ~31
                : Vector128.IsHardwareAccelerated ? block.Length & ~15
                : 0;
            if (vectorLength > 0)
            {
                var (sum, weighted) = Avx2.IsSupported ? SumsAvx2(block[..vectorLength]) : SumsVector128(block[..vectorLength]);
                b += ((ulong)vectorLength * a) + weighted;
                a += sum;
            }

            foreach (var value in block[vectorLength..])
            {
                a += value;
                b += a;
            }

            a %= Modulus;
            b %= Modulus;
            data = data[block.Length..];
        }

        return (uint)((b << 16) | a);
    }

    /// <summary>
    /// For bytes x₀…xₙ₋₁ (n a multiple of 32): Σ xᵢ and Σ (n − i)·xᵢ, the amounts a block adds to a and to b beyond n·a.
    /// </summary>
    private static (ulong Sum, ulong Weighted) SumsAvx2(ReadOnlySpan<byte> data)
    {
        // Weights 32…1 for the bytes of a step; each step also adds 32 × the sum of the steps before it.
        var weights = Vector256.Create((sbyte)32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1);
        var ones = Vector256.Create((short)1);
        var sums = Vector256<uint>.Zero;
        var before = Vector256<uint>.Zero;
        var weighted = Vector256<int>.Zero;
        ref var start = ref MemoryMarshal.GetReference(data);
        for (var i = 0; i < data.Length; i += 32)
        {
            var bytes = Unsafe.ReadUnaligned<Vector256<byte>>(ref Unsafe.Add(ref start, i));
            before += sums;
            sums += Avx2.SumAbsoluteDifferences(bytes, Vector256<byte>.Zero).AsUInt32();
            weighted += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(bytes, weights), ones);
        }

        var sum = (ulong)Vector256.Sum(sums);
        var total = (32 * (ulong)Vector256.Sum(before)) + (ulong)Vector256.Sum(weighted.AsUInt32());
        return (sum, total);
    }

    /// <summary><see cref="SumsAvx2"/> for n a multiple of 16, in 16-bit products widened to 32-bit lanes.</summary>
    private static (ulong Sum, ulong Weighted) SumsVector128(ReadOnlySpan<byte> data)
    {
        // Weights 16…1 for the bytes of a step, in two halves of 16-bit lanes: 255 × (16 + 8) still fits 16 bits.
        var weightsLow = Vector128.Create((ushort)16, 15, 14, 13, 12, 11, 10, 9);
        var weightsHigh = Vector128.Create((ushort)8, 7, 6, 5, 4, 3, 2, 1);
        var sums = Vector128<uint>.Zero;
        var before = Vector128<uint>.Zero;
        var weighted = Vector128<uint>.Zero;
        ref var start = ref MemoryMarshal.GetReference(data);
        for (var i = 0; i < data.Length; i += 16)
        {
            var (low, high) = Vector128.Widen(Vector128.LoadUnsafe(ref start, (nuint)i));
            before += sums;
            var (sumLow, sumHigh) = Vector128.Widen(low + high);
            sums += sumLow + sumHigh;
            var (productLow, productHigh) = Vector128.Widen((low * weightsLow) + (high * weightsHigh));
            weighted += productLow + productHigh;
        }

        var sum = (ulong)Vector128.Sum(sums);
        var total = (16 * (ulong)Vector128.Sum(before)) + Vector128.Sum(weighted);
        return (sum, total);
    }
}
