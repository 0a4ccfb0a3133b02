using System.Diagnostics;
using SparkImaging.Fuzz;
using SparkImaging.Jobs.Tests.Support;

namespace SparkImaging.Jobs.Tests.Reliability;

/// <summary>
/// The whole generated hostile corpus, plus file system oddities (dangling link, link loop, FIFO, a directory named
/// like an image), featurized by the real program: one row per file with its expected error kind, no hang, bounded memory.
/// </summary>
public sealed class HostileTreeTests : IDisposable
{
    /// <summary>The bombs declare up to 2^62 pixels; a buffer sized from any of them would blow far past this.</summary>
    private const long PeakMemoryLimit = 256L << 20;

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Every_hostile_file_yields_its_expected_row_without_hanging_in_bounded_memory()
    {
        var root = temp.Combine("hostile tree");
        var corpus = HostileCorpus.Build(SampleImages.DecodeFixtures);
        foreach (var hostile in corpus)
        {
            var path = Path.Combine(root, hostile.FileName);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, hostile.Bytes);
        }

        var special = Path.Combine(root, "special");
        Directory.CreateDirectory(Path.Combine(special, "folder.png"));
        File.Copy(Path.Combine(SampleImages.DecodeFixtures, "png_gray8.png"), Path.Combine(special, "folder.png", "inside.png"));
        File.CreateSymbolicLink(Path.Combine(special, "dangling.png"), Path.Combine(special, "missing.png"));
        File.CreateSymbolicLink(Path.Combine(special, "loop_a.png"), Path.Combine(special, "loop_b.png"));
        File.CreateSymbolicLink(Path.Combine(special, "loop_b.png"), Path.Combine(special, "loop_a.png"));
        Directory.CreateSymbolicLink(Path.Combine(special, "cycle"), root);
        MakeFifo(Path.Combine(special, "fifo.png"));
        var output = temp.Combine("out");

        var (result, peak) = MeasuredRun.Run(TimeSpan.FromSeconds(90), "featurize", "--input", root, "--output", output, "--workers", "2");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(Path.Combine(output, "_SUCCESS")));
        var rows = DatasetRows.Read(output).ToDictionary(r => Path.GetRelativePath(root, r.Path).Replace(Path.DirectorySeparatorChar, '/'));
        var wrong = corpus.Where(c => !rows.TryGetValue(c.FileName, out var row) || !c.Expected.Admits(row.Error, row.Width, row.Height))
            .Select(c => $"{c}: got {(rows.TryGetValue(c.FileName, out var row) ? row.Error ?? $"features of {row.Width}×{row.Height}" : "no row")}")
            .ToList();
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
        Assert.Equal("unreadable: dangling symbolic link", rows["special/dangling.png"].Error);
        Assert.Equal("unreadable: symbolic link loop", rows["special/loop_a.png"].Error);
        Assert.Equal("unreadable: symbolic link loop", rows["special/loop_b.png"].Error);
        Assert.Equal("unreadable: not a regular file (a FIFO)", rows["special/fifo.png"].Error);
        Assert.Null(rows["special/folder.png/inside.png"].Error);
        Assert.Equal(corpus.Count + 5, rows.Count);
        Assert.All(rows.Values.Where(r => r.Error is null), r => Assert.Equal(1.0, r.Histogram!.Sum(v => (double)v), 4));
        Assert.All(rows.Values.Where(r => r.Error is not null), r => Assert.Null(r.Histogram));
        Assert.True(peak is > 0 and < PeakMemoryLimit, $"peak resident memory {peak >> 20} MB (limit {PeakMemoryLimit >> 20} MB)");
    }

    internal static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }
}
