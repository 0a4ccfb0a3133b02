using SparkImaging.Jobs.Tests.Support;
using SparkImaging.Udfs.Archives;

namespace SparkImaging.Jobs.Tests.Archives;

/// <summary>
/// Issue 16: tar, tar.gz and zip files are inputs whose image members are rows (<c>archive!/member</c>), read in order
/// without extracting; labels by the member's folder or the labels CSV; --resume and --shard work by member and archive.
/// </summary>
public sealed class ArchiveInputTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void The_same_images_as_loose_files_a_tar_a_tar_gz_and_a_zip_give_identical_features()
    {
        var members = TestArchives.MembersOf(SampleImages.Samples);
        var archives = new Dictionary<string, string>
        {
            ["tar"] = temp.Combine("archives", "samples.tar"),
            ["tar.gz"] = temp.Combine("archives", "samples.tar.gz"),
            ["zip"] = temp.Combine("archives", "samples.zip"),
        };
        TestArchives.WriteTar(archives["tar"], members);
        TestArchives.WriteTar(archives["tar.gz"], members, gzip: true);
        TestArchives.WriteZip(archives["zip"], members);

        var loose = temp.Combine("loose");
        Assert.Equal(0, ProgramRunner.Run("featurize", "--input", SampleImages.Samples, "--output", loose).ExitCode);
        var expected = DatasetRows.Read(loose).ToDictionary(r => Path.GetRelativePath(SampleImages.Samples, r.Path), r => r with { Path = string.Empty });
        Assert.Equal(SampleImages.SampleCount, expected.Count);

        foreach (var (kind, archive) in archives)
        {
            var output = temp.Combine($"from {kind}");
            var result = ProgramRunner.Run("featurize", "--input", archive, "--output", output, "--workers", "2");
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("archives: 1 read, 1 members that are not images skipped", result.Stdout, StringComparison.Ordinal);
            var rows = DatasetRows.Read(output);
            Assert.Equal(expected.Count, rows.Count);
            foreach (var row in rows)
            {
                var parts = row.Path.Split(ArchivePath.Separator);
                Assert.Equal(archive, parts[0]);
                Assert.True(expected.TryGetValue(parts[1], out var same), $"{kind}: unexpected member {parts[1]}");
                Assert.True(same.SameAs(row with { Path = string.Empty }), $"{kind}: {parts[1]} differs from the loose file's row");
            }
        }
    }

    [Fact]
    public void Members_take_their_folder_in_the_archive_as_label_or_the_archive_folder_at_its_root_or_the_labels_csv()
    {
        var png = File.ReadAllBytes(Directory.GetFiles(Path.Combine(SampleImages.Samples, "brick"))[0]);
        var shard = temp.Combine("shards", "cats", "shard-000001.tar");
        TestArchives.WriteTar(shard, [new("./0001.png", png), new("0001.json", "{}"u8.ToArray()), new("dogs/0002.png", png)]);

        var byFolder = temp.Combine("by folder");
        var result = ProgramRunner.Run("featurize", "--input", temp.Combine("shards"), "--output", byFolder);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            [($"{shard}!/0001.png", "cats"), ($"{shard}!/dogs/0002.png", "dogs")],
            DatasetRows.Read(byFolder).Select(r => (r.Path, r.Label)));

        // A labels CSV names members by the same path, relative to its folder like any other row.
        var csv = temp.Combine("shards", "labels.csv");
        File.WriteAllText(csv, "path,label\ncats/shard-000001.tar!/0001.png,tabby\n");
        var refused = ProgramRunner.Run("featurize", "--input", shard, "--output", temp.Combine("refused"), "--labels", csv);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("dogs/0002.png", refused.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("refused", "_SUCCESS")));

        var byCsv = temp.Combine("by csv");
        var allowed = ProgramRunner.Run("featurize", "--input", shard, "--output", byCsv, "--labels", csv, "--allow-unlabeled");
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.Equal([("tabby"), null], DatasetRows.Read(byCsv).Select(r => r.Label));
    }

    [Fact]
    public void Shards_keep_whole_archives_together_and_together_equal_one_run_even_with_empty_shards()
    {
        var input = temp.Combine("input");
        for (var a = 0; a < 6; a++)
        {
            var members = Enumerable.Range(0, 7).Select(i => new TestArchives.Member($"class{i % 2}/img{i}.png", Image(a * 10 + i))).ToList();
            TestArchives.WriteTar(Path.Combine(input, $"shard-{a}.tar"), members, gzip: a % 2 == 1);
        }

        var single = temp.Combine("single");
        Assert.Equal(0, ProgramRunner.Run("featurize", "--input", input, "--output", single, "--workers", "2").ExitCode);
        var sharded = temp.Combine("sharded");
        // Seven shards for six archives: at least one shard has nothing to do, and must still take its turn.
        const int Shards = 7;
        var byShard = new List<string>[Shards];
        for (var shard = 0; shard < Shards; shard++)
        {
            // Shards are dealt by a hash of the archive's path, so a shard may hold no archive and commit no part.
            // The dataset is marked complete by the run that completes it, which may come before the last shard (when the
            // hash leaves the last shards empty); never while an archive is missing.
            var before = CommittedPaths(sharded);
            Assert.True(!File.Exists(Path.Combine(sharded, "_SUCCESS")) || before.Count == 6 * 7, $"_SUCCESS before shard {shard} with {before.Count} of {6 * 7} rows");
            var result = ProgramRunner.Run("featurize", "--input", input, "--output", sharded, "--shard", $"{shard}/{Shards}", "--workers", "2");
            Assert.True(result.ExitCode == 0, result.ToString());
            byShard[shard] = [.. CommittedPaths(sharded).Where(p => !before.Contains(p))];
        }

        Assert.True(File.Exists(Path.Combine(sharded, "_SUCCESS")));
        DatasetRows.AssertSame(single, sharded, 6 * 7);

        // Each archive was read by one shard only: all its members' rows came from that shard.
        var archivesByShard = byShard.Select(paths => paths.Select(p => p.Split(ArchivePath.Separator)[0]).ToHashSet()).ToArray();
        Assert.Equal(6, archivesByShard.Sum(set => set.Count));
        Assert.All(byShard, paths => Assert.Equal(0, paths.Count % 7));
    }

    [Fact]
    public void A_killed_run_over_archives_resumes_by_member_to_the_uninterrupted_rows()
    {
        var input = temp.Combine("input");
        for (var a = 0; a < 3; a++)
        {
            var members = Enumerable.Range(0, 40).Select(i => new TestArchives.Member($"c{i % 3}/m{i:D2}.png", Image(a * 100 + i))).ToList();
            TestArchives.WriteTar(Path.Combine(input, $"part-{a}.tar.gz"), members, gzip: true);
        }

        SampleImages.Write(Path.Combine(input, "loose", "single.png"), seed: 999, size: 128);
        var reference = temp.Combine("reference");
        Assert.Equal(0, ProgramRunner.Run("featurize", "--input", input, "--output", reference, "--workers", "2").ExitCode);

        var output = temp.Combine("crashed");
        string[] args = ["featurize", "--input", input, "--output", output, "--workers", "1", "--rows-per-file", "5", "--resume"];
        Assert.True(ProgramRunner.KillAfterParts(args, output, parts: 1), "the first run finished before it could be killed");
        Assert.True(ProgramRunner.KillAfterParts(args, output, Directory.GetFiles(output, "part-*.parquet").Length + 9), "the second run finished before it could be killed");
        Assert.False(File.Exists(Path.Combine(output, "_SUCCESS")));

        var finish = ProgramRunner.Run(args);
        Assert.True(finish.ExitCode == 0, finish.ToString());
        Assert.True(File.Exists(Path.Combine(output, "_SUCCESS")));
        DatasetRows.AssertSame(reference, output, (3 * 40) + 1);

        // Complete archives are recorded as such: a rerun reads none of them again.
        var again = ProgramRunner.Run(args);
        Assert.True(again.ExitCode == 0 && again.Stdout.Contains("nothing to do", StringComparison.Ordinal), again.ToString());
    }

    private static HashSet<string> CommittedPaths(string dataset) =>
        Directory.Exists(dataset) && Directory.GetFiles(dataset, "part-*.parquet").Length > 0 ? DatasetRows.Read(dataset).Select(r => r.Path).ToHashSet() : [];

    private byte[] Image(int seed)
    {
        var path = temp.Combine("images", $"{seed}.png");
        SampleImages.Write(path, seed, size: 48);
        return File.ReadAllBytes(path);
    }
}
