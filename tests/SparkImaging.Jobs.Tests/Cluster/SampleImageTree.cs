using SkiaSharp;

namespace SparkImaging.Jobs.Tests.Cluster;

/// <summary>
/// A labelled ImageFolder tree (`root/label/*.png`) to featurize: the repository's samples/ when this
/// checkout has them, otherwise small synthetic textures of two classes generated for the test.
/// </summary>
internal static class SampleImageTree
{
    private const int ImagesPerLabel = 20;
    private const int Size = 48;
    private const int Seed = 6;

    private static readonly string[] ImageExtensions = [".png", ".jpg", ".jpeg"];

    /// <summary>The tree to use; generated under <paramref name="scratch"/> when samples/ is absent or empty.</summary>
    public static string Locate(string scratch)
    {
        if (CountImages(ClusterTestPaths.Samples) > 0)
        {
            return ClusterTestPaths.Samples;
        }

        var root = Path.Combine(scratch, "samples");
        Generate(root);
        return root;
    }

    public static int CountImages(string root) =>
        Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .Count(file => ImageExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
            : 0;

    private static void Generate(string root)
    {
        var random = new Random(Seed);
        for (var i = 0; i < ImagesPerLabel; i++)
        {
            // Stripes vary in period and phase, speckle in density: two classes a texture model can tell apart.
            var period = 3 + random.Next(6);
            var phase = random.Next(period);
            Write(Path.Combine(root, "stripes", $"stripes_{i:D2}.png"), (x, y) =>
                (byte)(((x + y + phase) / period % 2 == 0 ? 200 : 40) + random.Next(16)));

            var density = 0.2 + (random.NextDouble() * 0.4);
            Write(Path.Combine(root, "speckle", $"speckle_{i:D2}.png"), (_, _) =>
                (byte)(random.NextDouble() < density ? 180 + random.Next(60) : random.Next(60)));
        }
    }

    private static void Write(string path, Func<int, int, byte> gray)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var bitmap = new SKBitmap(Size, Size, SKColorType.Rgba8888, SKAlphaType.Opaque);
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                var value = gray(x, y);
                bitmap.SetPixel(x, y, new SKColor(value, value, value));
            }
        }

        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        png.SaveTo(file);
    }
}
