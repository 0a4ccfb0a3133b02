using SkiaSharp;
using SparkImaging.Fuzz;
using SparkImaging.Jobs.Tests.Support;

namespace SparkImaging.Jobs.Tests.Reliability;

/// <summary>Thousands of small images with more workers than cores: every input once, nothing lost, bounded memory.</summary>
public sealed class LoadTests : IDisposable
{
    private const int Images = 3000;
    private const long PeakMemoryLimit = 400L << 20;

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Three_thousand_images_with_8_workers_give_exactly_one_row_each()
    {
        var input = temp.Combine("in");
        var distinct = Enumerable.Range(0, 30).Select(i => HostileImages.Encode(32, 32 - (i % 3), SKEncodedImageFormat.Png)).ToArray();
        for (var i = 0; i < Images; i++)
        {
            var path = Path.Combine(input, $"class{i % 3}", $"img_{i:D5}.png");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, distinct[i % distinct.Length]);
        }

        var output = temp.Combine("out");
        var (result, peak) = MeasuredRun.Run(TimeSpan.FromSeconds(60), "featurize", "--input", input, "--output", output, "--workers", "8", "--rows-per-file", "500");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(Path.Combine(output, "_SUCCESS")));
        var rows = DatasetRows.Read(output);
        Assert.Equal(Images, rows.Count);
        Assert.Equal(Images, rows.Select(r => r.Path).Distinct(StringComparer.Ordinal).Count());
        Assert.All(rows, r => Assert.Null(r.Error));
        Assert.All(rows, r => Assert.Equal($"class{int.Parse(Path.GetFileNameWithoutExtension(r.Path)[4..], System.Globalization.CultureInfo.InvariantCulture) % 3}", r.Label));
        Assert.True(peak is > 0 and < PeakMemoryLimit, $"peak resident memory {peak >> 20} MB (limit {PeakMemoryLimit >> 20} MB)");
    }
}
