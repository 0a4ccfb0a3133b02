using SparkImaging.Jobs.Tests.Support;

namespace SparkImaging.Jobs.Tests.Trust;

/// <summary>Issue 14 item 4: an output inside an input directory is left out of the walk; a run never reads its own files.</summary>
public sealed class OutputInsideInputTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Featurize_with_all_files_never_reads_its_own_parts_markers_or_locks()
    {
        var data = WriteImages(6);
        var output = Path.Combine(data, "features");

        var first = ProgramRunner.Run("featurize", "--input", data, "--output", output, "--all-files", "--rows-per-file", "2", "--workers", "1", "--lbp", "8:1");
        var resumed = ProgramRunner.Run("featurize", "--input", data, "--output", output, "--all-files", "--resume", "--lbp", "8:1");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(resumed.ExitCode == 0 && resumed.Stdout.Contains("nothing to do", StringComparison.Ordinal), resumed.ToString());
        var rows = DatasetRows.Read(output, "lbp_p8_r1_uniform");
        Assert.Equal(6, rows.Count);
        Assert.DoesNotContain(rows, r => r.Path.StartsWith(output, StringComparison.Ordinal));
    }

    [Fact]
    public void Run_twice_into_a_folder_inside_its_input_reads_only_the_images()
    {
        var data = WriteImages(8, labels: 2);
        var job = Path.Combine(data, "job");

        var first = ProgramRunner.Run("run", "--input", data, "--output", job, "--lbp", "8:1");
        var second = ProgramRunner.Run("run", "--input", data, "--output", job, "--lbp", "8:1", "--overwrite");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.True(File.Exists(Path.Combine(job, "model", "confusion-matrix.png")));
        var rows = DatasetRows.Read(Path.Combine(job, "features"), "lbp_p8_r1_uniform");
        Assert.Equal(8, rows.Count);
        Assert.DoesNotContain(rows, r => r.Path.StartsWith(job, StringComparison.Ordinal));
    }

    private string WriteImages(int count, int labels = 1)
    {
        var data = temp.Combine("data");
        for (var i = 0; i < count; i++)
        {
            SampleImages.Write(Path.Combine(data, $"class{i % labels}", $"image{i}.png"), i);
        }

        return data;
    }
}
