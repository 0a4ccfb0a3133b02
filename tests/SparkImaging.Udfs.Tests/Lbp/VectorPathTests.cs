using System.Diagnostics;
using SparkImaging.Udfs.Lbp;

namespace SparkImaging.Udfs.Tests.Lbp;

/// <summary>
/// The vector path gives exactly the scalar path's codes and counts: in this process (the widest ISA here) and in
/// child processes started with AVX-512, AVX2 or all hardware intrinsics turned off, so every width is exercised.
/// The child is the benchmarks program's <c>selfcheck</c> mode.
/// </summary>
public class VectorPathTests
{
    private const string HelperProject = "tests/SparkImaging.Benchmarks/SparkImaging.Benchmarks.csproj";

    // Its own configuration, so building it never overwrites binaries the running tests have loaded.
    private const string HelperConfiguration = "SelfCheck";


    private static readonly Lazy<string> Helper = new(BuildHelper);
    private static readonly Lazy<string> Arm64Helper = new(PublishArm64Helper);

    // .NET 10 reads DOTNET_EnableAVX512; earlier runtimes DOTNET_EnableAVX512F. Both are set. Likewise VBMI (the
    // byte patterns' vector tally): DOTNET_EnableAVX512v2 on .NET 10, DOTNET_EnableAVX512VBMI before; AVX-512 stays on.
    public static IEnumerable<object[]> IsaSwitches =>
    [
        ["DOTNET_EnableAVX512F,DOTNET_EnableAVX512", "vector512=False"],
        ["DOTNET_EnableAVX512VBMI,DOTNET_EnableAVX512v2", "vbmi=False"],
        ["DOTNET_EnableAVX2", "vector256=False"],
        ["DOTNET_EnableHWIntrinsic", "vector128=False"],
    ];

    [Theory]
    [InlineData(LbpKernel.PerSample)]
    [InlineData(LbpKernel.SharedRows)]
    [InlineData(LbpKernel.Filtered)]
    internal void Vector_path_equals_scalar_path_in_process(LbpKernel kernel)
    {
        foreach (var (name, rows, columns, pixels) in VectorCases.Images())
        {
            foreach (var spec in VectorCases.Specs)
            {
                var scalar = VectorCases.Scalar(spec, rows, columns, pixels);
                var vector = VectorCases.Vector(spec, rows, columns, pixels, kernel);
                AssertSame(scalar, vector, $"{name} {spec} {kernel} in process");
            }
        }
    }

    /// <summary>
    /// An operator keeps each thread's scratch for the next image (ring, band, the band's row descriptions): the codes
    /// of every case on one thread, in order and then in reverse, equal those of each case on a thread of its own.
    /// </summary>
    [Fact]
    public void Codes_do_not_depend_on_the_images_the_thread_computed_before()
    {
        var images = VectorCases.Images().ToList();
        foreach (var spec in VectorCases.Specs)
        {
            var fresh = images.Select(image => OnNewThread(() => VectorCases.Vector(spec, image.Rows, image.Columns, image.Pixels, LbpKernel.Filtered))).ToList();
            var order = Enumerable.Range(0, images.Count).ToList();
            var reused = OnNewThread(() => order.Concat(Enumerable.Reverse(order))
                .Select(i => (Index: i, Result: VectorCases.Vector(spec, images[i].Rows, images[i].Columns, images[i].Pixels, LbpKernel.Filtered)))
                .ToList());
            foreach (var (index, result) in reused)
            {
                AssertSame(fresh[index], result, $"{images[index].Name} {spec} after other images on the same thread");
            }
        }
    }

    [Theory]
    [MemberData(nameof(IsaSwitches))]
    public void Vector_path_with_an_isa_turned_off_equals_the_in_process_scalar_path(string switchNames, string expectedIsa)
    {
        var directory = Directory.CreateTempSubdirectory("lbp-selfcheck-");
        try
        {
            foreach (var (name, rows, columns, pixels) in VectorCases.Images())
            {
                WriteImage(Path.Combine(directory.FullName, name + ".image"), rows, columns, pixels);
            }

            foreach (var (name, patterns) in VectorCases.BytePatterns())
            {
                File.WriteAllBytes(Path.Combine(directory.FullName, name + ".patterns"), patterns);
            }

            var output = RunHelper(directory.FullName, switchNames);
            Assert.Contains(expectedIsa, output);

            foreach (var (name, rows, columns, pixels) in VectorCases.Images())
            {
                foreach (var spec in VectorCases.Specs)
                {
                    var scalar = VectorCases.Scalar(spec, rows, columns, pixels);
                    var column = LbpSpec.Parse(spec).ColumnName;
                    var child = ReadResult(Path.Combine(directory.FullName, $"{name}.{column}.result"), scalar.Counts.Length, pixels.Length);
                    AssertSame(scalar, child, $"{name} {spec} with {switchNames}=0");
                }
            }

            AssertTallies(directory.FullName, $"with {switchNames}=0");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>
    /// ARM64: the selfcheck published for linux-arm64 runs under qemu-user (AdvSimd, 128-bit vectors); its vector and
    /// scalar paths must both give exactly this process's scalar codes, which the golden tests hold to scikit-image.
    /// scripts/test.sh installs qemu-user and the arm64 C library; without them this test fails, it does not skip.
    /// </summary>
    [Fact]
    public void Vector_and_scalar_paths_on_arm64_under_qemu_equal_the_in_process_scalar_path()
    {
        var directory = Directory.CreateTempSubdirectory("lbp-selfcheck-arm64-");
        try
        {
            foreach (var (name, rows, columns, pixels) in VectorCases.Images())
            {
                WriteImage(Path.Combine(directory.FullName, name + ".image"), rows, columns, pixels);
            }

            foreach (var (name, patterns) in VectorCases.BytePatterns())
            {
                File.WriteAllBytes(Path.Combine(directory.FullName, name + ".patterns"), patterns);
            }

            var start = Qemu.StartInfo(Arm64Helper.Value, ["selfcheck", directory.FullName, .. VectorCases.Specs]);
            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
            var output = Run(start, "selfcheck on linux-arm64 under qemu");
            Assert.Contains("isa Arm64 vector512=False vector256=False vector128=True vbmi=False advsimd=True", output);

            foreach (var (name, rows, columns, pixels) in VectorCases.Images())
            {
                foreach (var spec in VectorCases.Specs)
                {
                    var scalar = VectorCases.Scalar(spec, rows, columns, pixels);
                    var column = LbpSpec.Parse(spec).ColumnName;
                    var vector = ReadResult(Path.Combine(directory.FullName, $"{name}.{column}.result"), scalar.Counts.Length, pixels.Length);
                    var arm64Scalar = ReadResult(Path.Combine(directory.FullName, $"{name}.{column}.scalar.result"), scalar.Counts.Length, pixels.Length);
                    AssertSame(scalar, vector, $"{name} {spec} AdvSimd on arm64");
                    AssertSame(scalar, arm64Scalar, $"{name} {spec} scalar on arm64");
                }
            }

            AssertTallies(directory.FullName, "AdvSimd on arm64");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The child's counts of the byte patterns (its vector tally of uniform codes) against counting them one by one here.</summary>
    private static void AssertTallies(string directory, string what)
    {
        foreach (var (name, patterns) in VectorCases.BytePatterns())
        {
            for (var points = 1; points <= 8; points++)
            {
                var expected = VectorCases.NaiveUniformCounts(patterns, points);
                using var reader = new BinaryReader(File.OpenRead(Path.Combine(directory, $"{name}.uniform{points}.tally")));
                var actual = expected.Select(_ => reader.ReadInt64()).ToArray();
                Assert.True(expected.AsSpan().SequenceEqual(actual), $"{name} uniform P = {points} {what}: tally [{string.Join(", ", actual)}], one by one [{string.Join(", ", expected)}]");
            }
        }
    }

    private static void AssertSame((long[] Counts, double[] Codes) expected, (long[] Counts, double[] Codes) actual, string what)
    {
        for (var i = 0; i < expected.Codes.Length; i++)
        {
            Assert.True(expected.Codes[i] == actual.Codes[i], $"{what}: pixel {i} is {actual.Codes[i]}, the scalar path says {expected.Codes[i]}");
        }

        Assert.True(expected.Counts.AsSpan().SequenceEqual(actual.Counts), $"{what}: counts differ");

        // Counting (byte patterns gathered over rows, the vector tally) is shared by every kernel: held to the codes.
        var histogram = new long[expected.Counts.Length];
        foreach (var code in expected.Codes)
        {
            histogram[(int)code]++;
        }

        Assert.True(histogram.AsSpan().SequenceEqual(actual.Counts), $"{what}: counts differ from the histogram of the codes");
    }

    private static void WriteImage(string path, int rows, int columns, double[] pixels)
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(rows);
        writer.Write(columns);
        foreach (var v in pixels)
        {
            writer.Write(v);
        }
    }

    private static (long[] Counts, double[] Codes) ReadResult(string path, int bins, int pixels)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        var counts = new long[bins];
        var codes = new double[pixels];
        for (var b = 0; b < bins; b++)
        {
            counts[b] = reader.ReadInt64();
        }

        for (var i = 0; i < pixels; i++)
        {
            codes[i] = reader.ReadDouble();
        }

        return (counts, codes);
    }

    private static string RunHelper(string directory, string switchNames)
    {
        var start = new ProcessStartInfo(DotnetHost(), [Helper.Value, "selfcheck", directory, .. VectorCases.Specs])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var name in switchNames.Split(','))
        {
            start.Environment[name] = "0";
        }

        return Run(start, "selfcheck");
    }

    private static string PublishArm64Helper()
    {
        var root = TestPaths.RepositoryRoot;
        var output = Path.Combine(Path.GetTempPath(), "sparkimaging-selfcheck-arm64", Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo(
            DotnetHost(),
            ["publish", Path.Combine(root, HelperProject), "-c", HelperConfiguration, "-p:Optimize=true", "-p:SelfCheckRuntime=linux-arm64",
             "--artifacts-path", Path.Combine(output, "artifacts"), "-o", Path.Combine(output, "app"), "-nologo", "-v:q"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        Run(start, "publishing the selfcheck helper for linux-arm64");
        return Path.Combine(output, "app", "SparkImaging.Benchmarks");
    }

    private static T OnNewThread<T>(Func<T> work)
    {
        T? result = default;
        System.Runtime.ExceptionServices.ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception exception)
            {
                failure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(exception);
            }
        });
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result!;
    }

    private static string BuildHelper()
    {
        var root = TestPaths.RepositoryRoot;
        var start = new ProcessStartInfo(DotnetHost(), ["build", Path.Combine(root, HelperProject), "-c", HelperConfiguration, "-p:Optimize=true", "-nologo", "-v:q"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        Run(start, "building the selfcheck helper");
        return Path.Combine(root, "tests", "SparkImaging.Benchmarks", "bin", HelperConfiguration, "net10.0", "SparkImaging.Benchmarks.dll");
    }

    private static string Run(ProcessStartInfo start, string what)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{what}: could not start {start.FileName}");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{what} exited with {process.ExitCode}:\n{output}\n{error.Result}");
        return output;
    }

    // The SDK tells test hosts where its dotnet is; fall back to the one on PATH.
    private static string DotnetHost() => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
}
