using SkiaSharp;
using SparkImaging.Fuzz;
using SparkImaging.Pipeline.Engine;
using SparkImaging.Jobs.Tests.Support;
using SparkImaging.Udfs.Features;

namespace SparkImaging.Jobs.Tests.Reliability;

/// <summary>
/// Files that vanish or change between listing and reading, made deterministic by the engine's read observer
/// (<see cref="FeaturizeOptions.BeforeRead"/>, in-process only): the row says so, or reflects the new content; no crash.
/// </summary>
public sealed class FileChangeTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Files_removed_rewritten_or_replaced_after_listing_get_honest_rows()
    {
        var input = temp.Combine("in");
        Directory.CreateDirectory(input);
        foreach (var name in new[] { "kept.png", "removed.png", "rewritten.png", "now_text.png", "now_fifo.png", "now_folder.png" })
        {
            File.WriteAllBytes(Path.Combine(input, name), HostileImages.Encode(16, 16, SKEncodedImageFormat.Png));
        }

        var changes = new Dictionary<string, Action<string>>
        {
            ["removed.png"] = File.Delete,
            ["rewritten.png"] = path => File.WriteAllBytes(path, HostileImages.Encode(24, 8, SKEncodedImageFormat.Jpeg)),
            ["now_text.png"] = path => File.WriteAllText(path, "replaced by text"),
            ["now_fifo.png"] = path =>
            {
                File.Delete(path);
                HostileTreeTests.MakeFifo(path);
            },
            ["now_folder.png"] = path =>
            {
                File.Delete(path);
                Directory.CreateDirectory(path);
            },
        };
        var output = temp.Combine("out");
        var options = new FeaturizeOptions
        {
            Inputs = [input],
            Output = output,
            Workers = 2,
            BatchSize = 2,
            BeforeRead = path => changes.GetValueOrDefault(Path.GetFileName(path))?.Invoke(path),
        };

        var summary = await new LocalEngine(options, LocalEngine.FeatureRows(FeatureSpec.Default), TextWriter.Null).RunAsync(CancellationToken.None);

        var rows = DatasetRows.Read(output).ToDictionary(r => Path.GetFileName(r.Path));
        Assert.Equal(6, rows.Count);
        Assert.Equal(6, summary.Processed);
        Assert.Null(rows["kept.png"].Error);
        Assert.Equal("unreadable: file not found (removed after listing?)", rows["removed.png"].Error);
        Assert.Equal((null, 24, 8), (rows["rewritten.png"].Error, rows["rewritten.png"].Width, rows["rewritten.png"].Height));
        Assert.StartsWith("unsupported format: ", rows["now_text.png"].Error, StringComparison.Ordinal);
        Assert.Equal("unreadable: not a regular file (a FIFO)", rows["now_fifo.png"].Error);
        Assert.Equal("unreadable: a directory, not a file", rows["now_folder.png"].Error);
    }
}
