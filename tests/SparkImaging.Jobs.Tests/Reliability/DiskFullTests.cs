using System.Diagnostics;
using System.Security.Cryptography;
using SparkImaging.Jobs.Tests.Support;

namespace SparkImaging.Jobs.Tests.Reliability;

/// <summary>
/// Output on a full disk: a 2 MB tmpfs (tests run as root, as CI does) holding a committed dataset, then filled.
/// A featurize run into it fails with exit 1 and a message naming the lack of space; the earlier dataset is untouched.
/// Where mounting is impossible the test fails saying why: it never skips silently.
/// </summary>
public sealed class DiskFullTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Full_output_disk_fails_with_exit_1_naming_no_space_and_keeps_the_earlier_dataset()
    {
        var disk = temp.Combine("disk");
        Directory.CreateDirectory(disk);
        var mount = Command("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", disk);
        Assert.True(mount.ExitCode == 0, $"cannot mount a 2 MB tmpfs (needs root, as in CI): {mount.Output}");
        try
        {
            var earlier = Path.Combine(disk, "earlier");
            var first = ProgramRunner.Run("featurize", "--input", Path.Combine(SampleImages.Samples, "brick"), "--output", earlier);
            Assert.True(first.ExitCode == 0, first.ToString());
            var before = Snapshot(earlier);
            var rowsBefore = DatasetRows.Read(earlier);
            FillUp(Path.Combine(disk, "filler"));

            var result = ProgramRunner.Run("featurize", "--input", SampleImages.Samples, "--output", Path.Combine(disk, "new"), "--rows-per-file", "4");

            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Contains("No space left on device", result.Stderr, StringComparison.Ordinal);
            Assert.Equal(before, Snapshot(earlier));
            Assert.Equal(rowsBefore, DatasetRows.Read(earlier), (a, b) => a.SameAs(b));
            Assert.False(File.Exists(Path.Combine(disk, "new", "_SUCCESS")));
            foreach (var part in Directory.GetFiles(Path.Combine(disk, "new"), "part-*.parquet"))
            {
                // Whatever the failed run committed before the disk filled is whole.
                Assert.NotEmpty(DatasetRows.Read(Path.GetDirectoryName(part)!));
            }
        }
        finally
        {
            Command("umount", "-l", disk);
        }
    }

    private static Dictionary<string, string> Snapshot(string directory) =>
        Directory.GetFiles(directory, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(directory, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    private static void FillUp(string path)
    {
        using var filler = new FileStream(path, FileMode.CreateNew);
        var block = new byte[4096];
        try
        {
            while (true)
            {
                filler.Write(block);
                filler.Flush();
            }
        }
        catch (IOException)
        {
            // Full.
        }
    }

    private static (int ExitCode, string Output) Command(string program, params string[] args)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false })!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
