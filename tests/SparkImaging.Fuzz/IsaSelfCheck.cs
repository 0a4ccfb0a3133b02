using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using SparkImaging.Udfs.Imaging;

namespace SparkImaging.Fuzz;

/// <summary>
/// The PNG unfilters, Adler-32 and the 8-bit gray conversions (gray, mean of RGB/RGBA) on fixed cases, against plain
/// implementations of the specification, for the ISA tests (tests/SparkImaging.Udfs.Tests/Imaging/PngVectorPathTests.cs):
/// the test runs <see cref="Results"/> in child processes with vector ISAs turned off, and on ARM64 under qemu, and
/// compares each line with <see cref="Reference"/>.
/// </summary>
public static class IsaSelfCheck
{
    /// <summary>Which of the ISAs our code branches on this process has.</summary>
    public static string IsaLine => $"isa {RuntimeInformation.ProcessArchitecture} vector256={Vector256.IsHardwareAccelerated} vector128={Vector128.IsHardwareAccelerated} avx2={Avx2.IsSupported} sse2={Sse2.IsSupported} advsimd={AdvSimd.IsSupported}";

    /// <summary>One line per case, <c>NAME HASH</c>, from our code under this process's ISAs.</summary>
    public static IEnumerable<string> Results() => Cases(ours: true);

    /// <summary>The same lines from the plain implementations.</summary>
    public static IEnumerable<string> Reference() => Cases(ours: false);

    private static IEnumerable<string> Cases(bool ours)
    {
        var random = new Random(2004);
        foreach (var bytesPerPixel in new[] { 1, 2, 3, 4, 6, 8 })
        {
            foreach (var pixels in new[] { 1, 2, 3, 5, 8, 11, 16, 33, 100 })
            {
                foreach (var pattern in new[] { "noise", "saturated" })
                {
                    var length = bytesPerPixel * pixels;
                    var previous = Row(random, length, pattern);
                    var filtered = Row(random, length, pattern);
                    for (byte filter = 0; filter <= 4; filter++)
                    {
                        var row = (byte[])filtered.Clone();
                        if (ours)
                        {
                            PngFilters.Unfilter(filter, row, previous, bytesPerPixel);
                        }
                        else
                        {
                            UnfilterPlain(filter, row, previous, bytesPerPixel);
                        }

                        yield return $"unfilter{filter}.bpp{bytesPerPixel}.px{pixels}.{pattern} {Hash(row)}";
                    }
                }
            }
        }

        // Around the vector steps (16, 32), zlib's block (5552) and its multiples; all 0xFF is the largest sum per byte.
        foreach (var length in new[] { 0, 1, 15, 16, 17, 31, 32, 33, 47, 63, 64, 5551, 5552, 5553, 11104, 11137, 100_003 })
        {
            foreach (var pattern in new[] { "noise", "saturated" })
            {
                var data = Row(random, length, pattern);
                var adler = ours ? Adler32.Compute(data) : PngChecksums.Adler32(data);
                yield return $"adler32.len{length}.{pattern} {adler:x8}";
            }
        }

        // Around the vector steps (4 and 8 pixels) and the RGB path's over-read; saturated rows reach the largest sum.
        foreach (var pixels in new[] { 1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 513 })
        {
            var samples = Row(random, pixels, "noise");
            var gray = new double[pixels];
            if (ours)
            {
                GrayConversion.FromSamples8(samples, 1, gray, GrayMode.Mean);
            }
            else
            {
                for (var x = 0; x < pixels; x++)
                {
                    gray[x] = samples[x];
                }
            }

            yield return $"gray.ch1.px{pixels} {Hash(MemoryMarshal.AsBytes(gray.AsSpan()).ToArray())}";
        }

        foreach (var channels in new[] { 3, 4 })
        {
            foreach (var pixels in new[] { 1, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 16, 17, 31, 100, 513 })
            {
                foreach (var pattern in new[] { "noise", "saturated" })
                {
                    var samples = Row(random, pixels * channels, pattern);
                    var gray = new double[pixels];
                    if (ours)
                    {
                        GrayConversion.FromSamples8(samples, channels, gray, GrayMode.Mean);
                    }
                    else
                    {
                        MeanPlain(samples, channels, gray);
                    }

                    yield return $"gray.mean.ch{channels}.px{pixels}.{pattern} {Hash(MemoryMarshal.AsBytes(gray.AsSpan()).ToArray())}";
                }
            }

            // Every sum of three samples, 0…765, once: the vector division against the table of scalar divisions.
            var everySum = new byte[766 * channels];
            for (var sum = 0; sum < 766; sum++)
            {
                for (var c = 0; c < 3; c++)
                {
                    everySum[(sum * channels) + c] = (byte)Math.Clamp(sum - (255 * c), 0, 255);
                }
            }

            var means = new double[766];
            if (ours)
            {
                GrayConversion.FromSamples8(everySum, channels, means, GrayMode.Mean);
            }
            else
            {
                MeanPlain(everySum, channels, means);
            }

            yield return $"gray.mean.ch{channels}.every-sum {Hash(MemoryMarshal.AsBytes(means.AsSpan()).ToArray())}";
        }
    }

    /// <summary>numpy's mean of R, G and B as doubles.</summary>
    private static void MeanPlain(byte[] samples, int channels, double[] gray)
    {
        for (var x = 0; x < gray.Length; x++)
        {
            gray[x] = ((double)samples[x * channels] + samples[(x * channels) + 1] + samples[(x * channels) + 2]) / 3.0;
        }
    }

    private static byte[] Row(Random random, int length, string pattern)
    {
        var row = new byte[length];
        if (pattern == "noise")
        {
            random.NextBytes(row);
        }
        else
        {
            for (var i = 0; i < length; i++)
            {
                row[i] = random.Next(8) == 0 ? (byte)0 : (byte)0xFF;
            }
        }

        return row;
    }

    // Not SHA-256: the runtime takes that from OpenSSL, which the arm64 sysroot of the qemu test does not have.
    private static string Hash(byte[] bytes) => Convert.ToHexString(XxHash128.Hash(bytes));

    /// <summary>PNG specification §9.2–9.4, a byte at a time.</summary>
    private static void UnfilterPlain(byte filter, byte[] row, byte[] previous, int bytesPerPixel)
    {
        for (var i = 0; i < row.Length; i++)
        {
            int left = i >= bytesPerPixel ? row[i - bytesPerPixel] : 0;
            int up = previous[i];
            int upLeft = i >= bytesPerPixel ? previous[i - bytesPerPixel] : 0;
            var predicted = filter switch
            {
                0 => 0,
                1 => left,
                2 => up,
                3 => (left + up) / 2,
                _ => Paeth(left, up, upLeft),
            };
            row[i] = (byte)(row[i] + predicted);
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
