using System.Diagnostics;
using System.Text.RegularExpressions;
using Parquet;
using SparkImaging.Jobs.Tests.Support;

namespace SparkImaging.Jobs.Tests.Trust;

/// <summary>
/// Issue 14 item 7: Ctrl-C or SIGTERM stops a run cleanly (committed part files stay, nothing partial is committed,
/// exit 130/143 with the rows committed), parts are committed by time as well as by rows, and --rows-per-file N
/// gives files of exactly N rows.
/// </summary>
public sealed partial class InterruptionTests : IDisposable
{
    private const int Images = 800;

    /// <summary>Three operators, so the run lasts long enough to be stopped in the middle.</summary>
    private static readonly string[] Specs = ["--lbp", "24:3", "--lbp", "16:2", "--lbp", "8:1"];

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public async Task A_signal_stops_the_run_cleanly_and_resume_finishes_it(string signal, int exitCode)
    {
        var input = temp.Combine("in");
        for (var i = 0; i < Images; i++)
        {
            SampleImages.Write(Path.Combine(input, $"c{i % 2}", $"{i:D4}.png"), i, size: 128);
        }

        var output = temp.Combine("out");

        // One worker, parts far larger than the input: only the commit interval makes a part before the signal. The
        // program runs with SIGINT at its default action, as in a terminal: a test host may pass it on ignored.
        var program = ProgramRunner.StartInfo(
            ["featurize", "--input", input, "--output", output, "--workers", "1", "--rows-per-file", "100000", "--commit-interval", "0.2", .. Specs]);
        var start = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["--default-signal=INT", program.FileName, .. program.ArgumentList])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var watch = Stopwatch.StartNew();

        while (PartFiles(output).Length == 0 && !process.HasExited && watch.Elapsed < TimeSpan.FromMinutes(2))
        {
            await Task.Delay(20);
        }

        if (process.HasExited)
        {
            Assert.Fail($"the run ended before a part was committed: {await stderr}");
        }
        var seen = $"signal at {watch.Elapsed} with {PartFiles(output).Length} part file(s)";
        Assert.True(Kill(process.Id, signal == "INT" ? 2 : 15) == 0, $"kill({process.Id}) failed, {seen}");

        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)), "the run did not stop within a minute of the signal");
        var error = await stderr;
        Assert.True(process.ExitCode == exitCode, $"exit {process.ExitCode}, {seen}\n{await stdout}\n{error}");
        var match = InterruptedLine().Match(error);
        Assert.True(match.Success, error);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);

        // What it says was committed is what the part files hold; nothing is marked complete or left staged.
        var committed = await RowsPerPartAsync(output);
        Assert.Equal(long.Parse(match.Groups["rows"].Value, System.Globalization.CultureInfo.InvariantCulture), committed.Sum());
        Assert.InRange(committed.Sum(), 1, Images - 1);
        Assert.False(File.Exists(Path.Combine(output, "_SUCCESS")));
        Assert.Empty(Directory.Exists(Path.Combine(output, "_temporary")) ? Directory.GetFiles(Path.Combine(output, "_temporary"), "*", SearchOption.AllDirectories) : []);

        var resumed = ProgramRunner.Run(["featurize", "--input", input, "--output", output, "--resume", .. Specs]);
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        var rows = DatasetRows.Read(output);
        Assert.Equal(Images, rows.Count);
        Assert.Equal(Images, rows.Select(r => r.Path).Distinct().Count());
        Assert.True(File.Exists(Path.Combine(output, "_SUCCESS")));
    }

    [Fact]
    public async Task Rows_per_file_gives_parts_of_exactly_that_many_rows()
    {
        var input = temp.Combine("in");
        for (var i = 0; i < 47; i++)
        {
            SampleImages.Write(Path.Combine(input, "x", $"{i:D3}.png"), i);
        }

        var output = temp.Combine("out");
        var result = ProgramRunner.Run("featurize", "--input", input, "--output", output, "--workers", "2", "--rows-per-file", "10", "--lbp", "8:1");

        Assert.True(result.ExitCode == 0, result.ToString());
        var parts = await RowsPerPartAsync(output);
        Assert.Equal(new long[] { 7, 10, 10, 10, 10 }, parts.Order().ToArray());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("1e9")]
    public void A_commit_interval_out_of_range_is_refused_in_one_line(string seconds)
    {
        var input = temp.Combine("in");
        SampleImages.Write(Path.Combine(input, "x", "a.png"), 1);

        var result = ProgramRunner.Run("featurize", "--input", input, "--output", temp.Combine("out"), "--commit-interval", seconds);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--commit-interval must be more than 0 and at most 86400 seconds", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("out")));
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private static string[] PartFiles(string output) =>
        Directory.Exists(output) ? Directory.GetFiles(output, "part-*.parquet") : [];

    private static async Task<long[]> RowsPerPartAsync(string output)
    {
        var rows = new List<long>();
        foreach (var file in PartFiles(output))
        {
            await using var stream = File.OpenRead(file);
            await using var reader = await ParquetReader.CreateAsync(stream);
            rows.Add(Enumerable.Range(0, reader.RowGroupCount).Sum(g => reader.OpenRowGroupReader(g).RowCount));
        }

        return [.. rows];
    }

    [GeneratedRegex(@"^interrupted: (?<rows>\d+) rows committed, rerun with --resume", RegexOptions.Multiline)]
    private static partial Regex InterruptedLine();
}
