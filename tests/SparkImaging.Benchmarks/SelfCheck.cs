using SparkImaging.Udfs.Lbp;

namespace SparkImaging.Benchmarks;

/// <summary>
/// For the ISA tests (tests/SparkImaging.Udfs.Tests/Lbp/VectorPathTests.cs): reads the test's images, runs the
/// vector path under whatever ISA this process was started with, and writes counts and codes back for the test to
/// compare with its in-process scalar run.
/// </summary>
internal static class SelfCheck
{
    /// <summary>
    /// Each <c>NAME.image</c> (rows, columns as int32, then doubles) × each spec → <c>NAME.SPECCOLUMN.result</c> (vector
    /// path) and <c>NAME.SPECCOLUMN.scalar.result</c> (scalar path): counts as int64, then codes as doubles. Each
    /// <c>NAME.patterns</c> (bytes) × P = 1…8 → <c>NAME.uniformP.tally</c>: the uniform code counts of the bytes masked
    /// to P bits, as int64.
    /// </summary>
    public static void Run(string directory, string[] specs)
    {
        Console.WriteLine($"isa {Isa.Describe()}");
        foreach (var path in Directory.GetFiles(directory, "*.image"))
        {
            using var reader = new BinaryReader(File.OpenRead(path));
            var rows = reader.ReadInt32();
            var columns = reader.ReadInt32();
            var image = new double[rows * columns];
            for (var i = 0; i < image.Length; i++)
            {
                image[i] = reader.ReadDouble();
            }

            foreach (var text in specs)
            {
                var lbp = LbpOperator.For(LbpSpec.Parse(text));
                Write(lbp, image, rows, columns, useVectors: true, Path.ChangeExtension(path, $"{lbp.Spec.ColumnName}.result"));

                // The scalar path too: on another CPU (ARM64 under qemu) it is not the test process's own scalar run.
                Write(lbp, image, rows, columns, useVectors: false, Path.ChangeExtension(path, $"{lbp.Spec.ColumnName}.scalar.result"));
            }
        }

        // Byte patterns: the vector tally of uniform codes for every P ≤ 8, through the counting an image's go through.
        foreach (var path in Directory.GetFiles(directory, "*.patterns"))
        {
            var patterns = File.ReadAllBytes(path);
            for (var points = 1; points <= 8; points++)
            {
                var mask = (byte)((1 << points) - 1);
                var masked = patterns.Select(pattern => (byte)(pattern & mask)).ToArray();
                var counts = new LbpCodeMap(points, LbpMethod.Uniform).CountBytePatterns(masked, points + 2);
                using var writer = new BinaryWriter(File.Create(Path.ChangeExtension(path, $"uniform{points}.tally")));
                foreach (var n in counts)
                {
                    writer.Write(n);
                }
            }
        }

        Console.WriteLine("selfcheck done");
    }

    private static void Write(LbpOperator lbp, double[] image, int rows, int columns, bool useVectors, string path)
    {
        var counts = new long[lbp.Spec.BinCount];
        var codes = new double[image.Length];
        lbp.CountCodes(image, rows, columns, counts, useVectors);
        lbp.ComputeCodes(image, rows, columns, codes, useVectors);
        using var writer = new BinaryWriter(File.Create(path));
        foreach (var n in counts)
        {
            writer.Write(n);
        }

        foreach (var code in codes)
        {
            writer.Write(code);
        }
    }
}
