using System.Globalization;
using BenchmarkDotNet.Running;
using SkiaSharp;
using SparkImaging.Udfs.Features;
using SparkImaging.Udfs.Imaging;
using SparkImaging.Udfs.Lbp;

namespace SparkImaging.Benchmarks;

/// <summary>
/// Modes: <c>isa</c> (what the runtime accelerates, one line), <c>kernel</c>, <c>kernel-default</c> (the default kernel only, for quick A/B runs), <c>decode DIR</c>, <c>featurize DIR</c> (interleaved Stopwatch timings for scripts/bench.sh,
/// printed as <c>key value</c> lines),
/// <c>write-images DIR N</c>, <c>write-tiles DIR N [SIDE]</c> (the scale run's small PNGs), <c>kernel-loop SPEC SECONDS</c> (the default kernel in a loop, for a profiler), <c>selfcheck DIR SPEC...</c> (vector path results for the ISA tests), and anything else
/// goes to BenchmarkDotNet (e.g. <c>--filter '*' --job short</c>).
/// </summary>
internal static class Program
{
    private const int Rounds = 15;

    public static int Main(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var mode = args.Length > 0 ? args[0] : string.Empty;
        switch (mode)
        {
            case "kernel":
                Kernel();
                return 0;
            case "kernel-default":
                KernelDefault();
                return 0;
            case "decode" when args.Length == 2:
                Decode(args[1]);
                return 0;
            case "featurize" when args.Length == 2:
                Featurize(args[1]);
                return 0;
            case "write-images" when args.Length == 3:
                WriteImages(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
                return 0;
            case "write-tiles" when args.Length is 3 or 4:
                WriteTiles(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args.Length == 4 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 64);
                return 0;
            case "isa":
                Console.WriteLine($"# isa {Isa.Describe()}");
                return 0;
            case "kernel-loop" when args.Length == 3:
                KernelLoop(args[1], double.Parse(args[2], CultureInfo.InvariantCulture));
                return 0;
            case "selfcheck" when args.Length >= 3:
                SelfCheck.Run(args[1], args[2..]);
                return 0;
            case "kernel" or "kernel-default" or "kernel-loop" or "decode" or "featurize" or "write-images" or "write-tiles" or "selfcheck":
                Console.Error.WriteLine("usage: kernel | kernel-default | kernel-loop SPEC SECONDS | decode DIR | featurize DIR | write-images DIR N | write-tiles DIR N [SIDE] | selfcheck DIR SPEC... | <BenchmarkDotNet args>");
                return 2;
            default:
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
                return 0;
        }
    }

    /// <summary>
    /// ns per pixel of the histogram kernel, interleaved: the scalar path, the per-sample vector kernel and the
    /// shared-rows vector kernel (the default, reported as <c>vector</c>).
    /// </summary>
    private static void Kernel()
    {
        var gray = BenchImages.Gray(0);
        var side = BenchImages.Side;
        var pixels = (double)side * side;
        Console.WriteLine($"# isa {Isa.Describe()}");
        foreach (var text in new[] { "24:3:uniform", "8:1:uniform" })
        {
            var lbp = LbpOperator.For(LbpSpec.Parse(text));
            var counts = new long[lbp.Spec.BinCount];
            var medians = Interleaved.MedianSeconds(
                [
                    () => lbp.CountCodes(gray, side, side, counts, LbpKernel.Scalar),
                    () => lbp.CountCodes(gray, side, side, counts, LbpKernel.PerSample),
                    () => lbp.CountCodes(gray, side, side, counts, LbpKernel.SharedRows),
                    () => lbp.CountCodes(gray, side, side, counts, LbpKernel.Filtered),
                ],
                Rounds,
                calls: 5);
            var key = $"ours_kernel_p{lbp.Spec.Points}_r{lbp.Spec.Radius}";
            Console.WriteLine($"{key}_scalar_ns_per_px {medians[0] * 1e9 / pixels:F3}");
            Console.WriteLine($"{key}_persample_ns_per_px {medians[1] * 1e9 / pixels:F3}");
            Console.WriteLine($"{key}_shared_ns_per_px {medians[2] * 1e9 / pixels:F3}");
            Console.WriteLine($"{key}_vector_ns_per_px {medians[3] * 1e9 / pixels:F3}");
        }
    }

    /// <summary>
    /// ns per pixel of the default kernel alone, 24:3 and 8:1 interleaved, with the keys of <see cref="Kernel"/>: an A/B
    /// of two builds without the scalar path's minutes.
    /// </summary>
    private static void KernelDefault()
    {
        var gray = BenchImages.Gray(0);
        var side = BenchImages.Side;
        var pixels = (double)side * side;
        Console.WriteLine($"# isa {Isa.Describe()}");
        var operators = new[] { "24:3:uniform", "8:1:uniform" }.Select(text => LbpOperator.For(LbpSpec.Parse(text))).ToArray();
        var counts = operators.Select(lbp => new long[lbp.Spec.BinCount]).ToArray();
        var medians = Interleaved.MedianSeconds(
            [
                () => operators[0].CountCodes(gray, side, side, counts[0]),
                () => operators[1].CountCodes(gray, side, side, counts[1]),
            ],
            Rounds,
            calls: 10);
        for (var k = 0; k < operators.Length; k++)
        {
            Console.WriteLine($"ours_kernel_p{operators[k].Spec.Points}_r{operators[k].Spec.Radius}_vector_ns_per_px {medians[k] * 1e9 / pixels:F3}");
        }
    }

    /// <summary>The default kernel of one spec on the benchmark plane, over and over for a while: a steady target for a profiler.</summary>
    private static void KernelLoop(string spec, double seconds)
    {
        var gray = BenchImages.Gray(0);
        var side = BenchImages.Side;
        var lbp = LbpOperator.For(LbpSpec.Parse(spec));
        var counts = new long[lbp.Spec.BinCount];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var calls = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            lbp.CountCodes(gray, side, side, counts);
            calls++;
        }

        Console.WriteLine($"kernel_loop {spec} {calls} calls, {clock.Elapsed.TotalSeconds * 1e9 / calls / side / side:F3} ns/px");
    }

    /// <summary>ms per image of <see cref="ImageDecoder.DecodeGray"/> on the PNG and JPEG files of a directory, bytes in memory.</summary>
    private static void Decode(string directory)
    {
        foreach (var extension in new[] { "png", "jpg" })
        {
            var files = ReadAll(directory, extension);
            var median = Interleaved.MedianSeconds(
                [
                    () =>
                    {
                        foreach (var bytes in files)
                        {
                            using var gray = ImageDecoder.DecodeGray(bytes, GrayMode.Mean, FeatureSpec.DefaultMaxPixels);
                        }
                    },
                ],
                Rounds,
                calls: 1)[0];
            Console.WriteLine($"ours_decode_{extension}_ms_per_image {median * 1e3 / files.Count:F4}");
        }
    }

    /// <summary>Images per second of the per-image function (no file or Parquet I/O), one thread.</summary>
    private static void Featurize(string directory)
    {
        var featurizer = new ImageFeaturizer(FeatureSpec.Default);
        foreach (var extension in new[] { "png", "jpg" })
        {
            var files = ReadAll(directory, extension);
            var median = Interleaved.MedianSeconds(
                [
                    () =>
                    {
                        foreach (var bytes in files)
                        {
                            featurizer.Featurize(bytes);
                        }
                    },
                ],
                Rounds,
                calls: 1)[0];
            Console.WriteLine($"ours_inprocess_{extension}_images_per_second {files.Count / median:F2}");
        }
    }

    /// <summary>N PNG and N JPEG files, and kernel.f64: the gray plane of image 0 (rows, columns as int32, then doubles).</summary>
    private static void WriteImages(string directory, int count)
    {
        Directory.CreateDirectory(directory);
        // Each image depends on its index only, so all cores can write them; pixels computed once for both formats.
        Parallel.For(0, count, i =>
        {
            var rgba = BenchImages.Rgba(i);
            File.WriteAllBytes(Path.Combine(directory, $"img{i:D4}.png"), BenchImages.Encode(rgba, SKEncodedImageFormat.Png));
            File.WriteAllBytes(Path.Combine(directory, $"img{i:D4}.jpg"), BenchImages.Encode(rgba, SKEncodedImageFormat.Jpeg));
        });

        using var writer = new BinaryWriter(File.Create(Path.Combine(directory, "kernel.f64")));
        writer.Write(BenchImages.Side);
        writer.Write(BenchImages.Side);
        foreach (var v in BenchImages.Gray(0))
        {
            writer.Write(v);
        }
    }

    /// <summary>
    /// N small PNG tiles (default 64×64) in subdirectories of 1000 (a class label each), cut from a few large images;
    /// written in parallel, since the scale run wants 100,000 of them. Existing tiles are kept.
    /// </summary>
    private static void WriteTiles(string directory, int count, int side)
    {
        const int PerDirectory = 1000;
        const int Sources = 8;
        var perRow = BenchImages.Side / side;
        var sources = new byte[Sources][];
        Parallel.For(0, Sources, s => sources[s] = BenchImages.Rgba(s));
        Parallel.For(0, (count + PerDirectory - 1) / PerDirectory, d =>
        {
            var folder = Path.Combine(directory, $"class{d % 10}", $"part{d:D4}");
            Directory.CreateDirectory(folder);
            var info = new SKImageInfo(side, side, SKColorType.Rgba8888, SKAlphaType.Unpremul);
            using var bitmap = new SKBitmap(info);
            var tile = new byte[side * side * 4];
            for (var i = d * PerDirectory; i < Math.Min(count, (d + 1) * PerDirectory); i++)
            {
                var path = Path.Combine(folder, $"tile{i:D7}.png");
                if (File.Exists(path))
                {
                    continue;
                }

                var source = sources[i % Sources];
                var cell = (i / Sources) % (perRow * perRow);
                var (top, left) = ((cell / perRow) * side, (cell % perRow) * side);
                for (var y = 0; y < side; y++)
                {
                    Array.Copy(source, (((top + y) * BenchImages.Side) + left) * 4, tile, y * side * 4, side * 4);
                }

                System.Runtime.InteropServices.Marshal.Copy(tile, 0, bitmap.GetPixels(), tile.Length);
                using var image = SKImage.FromBitmap(bitmap);
                using var data = image.Encode(SKEncodedImageFormat.Png, 100);
                using var file = File.Create(path);
                data.SaveTo(file);
            }
        });
    }

    private static List<byte[]> ReadAll(string directory, string extension)
    {
        var files = new List<byte[]>();
        foreach (var path in Directory.GetFiles(directory, "*." + extension).Order(StringComparer.Ordinal))
        {
            files.Add(File.ReadAllBytes(path));
        }

        return files;
    }
}
