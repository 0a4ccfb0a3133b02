using SkiaSharp;

namespace SparkImaging.Jobs.Tests.Support;

/// <summary>Writes small deterministic test images.</summary>
internal static class SampleImages
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string DecodeFixtures => Path.Combine(RepositoryRoot, "tests", "fixtures", "decode");

    public static string Samples => Path.Combine(RepositoryRoot, "samples");

    /// <summary>Images in the bundled samples (3 labels × 16 tiles).</summary>
    public const int SampleCount = 48;

    /// <summary>A noisy gray texture as PNG (or JPEG).</summary>
    public static void Write(string path, int seed, int size = 32, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        var random = new Random(seed);
        using var bitmap = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Opaque));
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var v = (byte)random.Next(256);
                bitmap.SetPixel(x, y, new SKColor(v, (byte)(v / 2), (byte)(255 - v)));
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var data = bitmap.Encode(format, 90);
        File.WriteAllBytes(path, data.ToArray());
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SparkImaging.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SparkImaging.sln not found above the test binaries.");
    }
}
