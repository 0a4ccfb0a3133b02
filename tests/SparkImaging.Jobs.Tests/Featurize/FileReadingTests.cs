using Apache.Arrow;
using SparkImaging.Jobs.Tests.Reliability;
using SparkImaging.Jobs.Tests.Support;
using SparkImaging.Pipeline.Engine;
using SparkImaging.Pipeline.Inputs;
using SparkImaging.Udfs.Features;

namespace SparkImaging.Jobs.Tests.Featurize;

/// <summary>
/// The engine's file reading asks the system about each path once (<see cref="FileKind.Inspect"/>) and sizes a batch's
/// buffer from the batches before it; the rows must stay what <see cref="FileInfo"/> and the files say.
/// </summary>
public sealed class FileReadingTests : IDisposable
{
    /// <summary>A modification time with every 100-ns digit set, so a conversion that drops any of them shows.</summary>
    private static readonly DateTime PreciseTime = new DateTime(2021, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(1234567);

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Inspect_gives_the_length_and_time_FileInfo_gives_for_files_and_links()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var file = temp.Combine("image.png");
        File.WriteAllBytes(file, new byte[1234]);
        File.SetLastWriteTimeUtc(file, PreciseTime);
        var link = temp.Combine("link.png");
        File.CreateSymbolicLink(link, file);

        foreach (var path in new[] { file, link })
        {
            var facts = FileKind.Inspect(path);
            var info = new FileInfo(path);
            Assert.Null(facts.WhyNotRegular);
            Assert.Equal(info.Length, facts.Length);
            Assert.Equal(new DateTimeOffset(info.LastWriteTimeUtc), facts.LastWriteTime);
        }

        Assert.Equal(new DateTimeOffset(PreciseTime), FileKind.Inspect(file).LastWriteTime);
    }

    [Fact]
    public void Inspect_names_what_is_not_a_regular_file()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var folder = temp.Combine("folder.png");
        Directory.CreateDirectory(folder);
        var fifo = temp.Combine("fifo.png");
        HostileTreeTests.MakeFifo(fifo);
        var dangling = temp.Combine("dangling.png");
        File.CreateSymbolicLink(dangling, temp.Combine("missing.png"));
        var loopA = temp.Combine("loop_a.png");
        var loopB = temp.Combine("loop_b.png");
        File.CreateSymbolicLink(loopA, loopB);
        File.CreateSymbolicLink(loopB, loopA);
        var linkToFolder = temp.Combine("folder_link.png");
        Directory.CreateSymbolicLink(linkToFolder, folder);

        Assert.Equal("a directory, not a file", FileKind.Inspect(folder).WhyNotRegular);
        Assert.Equal("a directory, not a file", FileKind.Inspect(linkToFolder).WhyNotRegular);
        Assert.Equal("not a regular file (a FIFO)", FileKind.Inspect(fifo).WhyNotRegular);
        Assert.Equal("dangling symbolic link", FileKind.Inspect(dangling).WhyNotRegular);
        Assert.Equal("symbolic link loop", FileKind.Inspect(loopA).WhyNotRegular);
        Assert.Equal("file not found (removed after listing?)", FileKind.Inspect(temp.Combine("missing.png")).WhyNotRegular);
        Assert.Equal("not a regular file (a character device)", FileKind.Inspect("/dev/null").WhyNotRegular);
    }

    [Fact]
    public void Batches_of_files_larger_than_the_ones_before_are_read_whole()
    {
        var random = new Random(17);
        var small = WriteFiles("small", count: 5, bytes: 100, random);
        var large = WriteFiles("large", count: 5, bytes: 300_000, random);
        var reader = new BinaryFileReader(LabelResolver.ParentDirectory, maxFileBytes: 1 << 30);

        // The second batch is sized from the first (100 bytes a file), so its buffer must grow as it is read.
        foreach (var paths in new[] { small, large, small, large })
        {
            reader.Read(paths, batch =>
            {
                var contents = (BinaryArray)batch.Column(FeatureColumns.Content);
                var lengths = (Int64Array)batch.Column(FeatureColumns.Length);
                var times = (TimestampArray)batch.Column(FeatureColumns.ModificationTime);
                for (var i = 0; i < paths.Length; i++)
                {
                    var info = new FileInfo(paths[i]);
                    Assert.Equal(File.ReadAllBytes(paths[i]), contents.GetBytes(i).ToArray());
                    Assert.Equal(info.Length, lengths.GetValue(i));
                    // The column holds microseconds.
                    Assert.Equal(new DateTimeOffset(info.LastWriteTimeUtc.Ticks / 10 * 10, TimeSpan.Zero), times.GetTimestamp(i));
                }

                return 0;
            });
        }
    }

    private string[] WriteFiles(string folder, int count, int bytes, Random random)
    {
        Directory.CreateDirectory(temp.Combine(folder));
        var paths = new string[count];
        for (var i = 0; i < count; i++)
        {
            var content = new byte[bytes + i];
            random.NextBytes(content);
            paths[i] = temp.Combine(folder, $"{i}.png");
            File.WriteAllBytes(paths[i], content);
            File.SetLastWriteTimeUtc(paths[i], PreciseTime.AddSeconds(i));
        }

        return paths;
    }
}
