using SparkImaging.Jobs.Tests.Support;

namespace SparkImaging.Jobs.Tests.Trust;

/// <summary>Issue 14 item 2: problems of a labels CSV are reported (count and first paths), unlabeled inputs are an error unless allowed.</summary>
public sealed class LabelsCsvTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private static string Brick => Path.Combine(SampleImages.Samples, "brick");

    private static string[] BrickImages => Directory.GetFiles(Brick).Where(f => f.EndsWith(".png", StringComparison.Ordinal) || f.EndsWith(".jpg", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Inputs_without_a_csv_row_exit_2_with_count_and_paths_and_write_nothing()
    {
        var labels = temp.Combine("labels.csv");
        File.WriteAllLines(labels, ["path,label", $"{BrickImages[0]},wall", $"{BrickImages[1]},wall"]);
        var output = temp.Combine("out");

        var result = ProgramRunner.Run("featurize", "--input", Brick, "--labels", labels, "--output", output);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("no row for 14 input(s)", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(BrickImages[2], result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--allow-unlabeled", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Allow_unlabeled_writes_them_without_a_label_and_says_how_many()
    {
        var labels = temp.Combine("labels.csv");
        File.WriteAllLines(labels, ["path,label", $"{BrickImages[0]},wall"]);
        var output = temp.Combine("out");

        var result = ProgramRunner.Run("featurize", "--input", Brick, "--labels", labels, "--output", output, "--allow-unlabeled");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("15 input(s)", result.Stderr, StringComparison.Ordinal);
        var rows = DatasetRows.Read(output);
        Assert.Equal(16, rows.Count);
        Assert.Equal(15, rows.Count(r => r.Label is null));
    }

    [Fact]
    public void Csv_rows_matching_no_input_are_reported_with_count_and_paths()
    {
        var labels = temp.Combine("labels.csv");
        var missing = temp.Combine("elsewhere", "ghost_1.png");
        File.WriteAllLines(labels, ["path,label", .. BrickImages.Select(p => $"{p},wall"), $"{missing},wall", $"{temp.Combine("elsewhere", "ghost_2.png")},wall"]);

        var result = ProgramRunner.Run("featurize", "--input", Brick, "--labels", labels, "--output", temp.Combine("out"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("2 row(s) match no input", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(missing, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_listed_twice_with_different_labels_exits_2_even_with_allow_unlabeled()
    {
        var labels = temp.Combine("labels.csv");
        File.WriteAllLines(labels, ["path,label", .. BrickImages.Select(p => $"{p},wall"), $"{BrickImages[3]},floor"]);

        var result = ProgramRunner.Run("featurize", "--input", Brick, "--labels", labels, "--output", temp.Combine("out"), "--allow-unlabeled");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("1 path(s) twice", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(BrickImages[3], result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Relative_csv_paths_resolve_against_the_csv_folder_or_else_the_working_directory()
    {
        var images = temp.Combine("images");
        SampleImages.Write(Path.Combine(images, "a.png"), 1);
        SampleImages.Write(Path.Combine(images, "b.png"), 2);
        var csvFolder = temp.Combine("meta");
        Directory.CreateDirectory(csvFolder);
        var labels = Path.Combine(csvFolder, "labels.csv");

        // a.png relative to the CSV's folder, b.png relative to the working directory (temp).
        File.WriteAllLines(labels, ["path,label", "../images/a.png,x", "images/b.png,y"]);
        var output = temp.Combine("out");
        var result = ProgramRunner.RunIn(temp.Path, "featurize", "--input", images, "--labels", labels, "--output", output);

        Assert.True(result.ExitCode == 0, result.ToString());
        var rows = DatasetRows.Read(output).ToDictionary(r => Path.GetFileName(r.Path), r => r.Label);
        Assert.Equal("x", rows["a.png"]);
        Assert.Equal("y", rows["b.png"]);
    }

    [Fact]
    public void A_relative_csv_path_naming_two_inputs_is_refused_as_ambiguous()
    {
        // 'images/a.png' is an input relative to the CSV's folder and another one relative to the working directory.
        var csvFolder = temp.Combine("meta");
        SampleImages.Write(Path.Combine(csvFolder, "images", "a.png"), 1);
        SampleImages.Write(temp.Combine("images", "a.png"), 2);
        var labels = Path.Combine(csvFolder, "labels.csv");
        File.WriteAllLines(labels, ["path,label", "images/a.png,x"]);

        var result = ProgramRunner.RunIn(temp.Path, "featurize", "--input", temp.Path, "--labels", labels, "--output", temp.Combine("out"), "--allow-unlabeled");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("ambiguous", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("images/a.png", result.Stderr, StringComparison.Ordinal);
    }
}
