using SparkImaging.Jobs.Tests.Support;

namespace SparkImaging.Jobs.Tests.Model;

/// <summary>Extra columns of the labels CSV travel into the dataset, so train --group-column can use them end to end.</summary>
public sealed class LabelsFileColumnsTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Patient_column_from_the_labels_file_keeps_each_patient_on_one_side_of_the_split()
    {
        var labels = temp.Combine("labels.csv");
        var lines = new List<string> { "path,label,patient" };
        foreach (var file in Directory.GetFiles(SampleImages.Samples, "*.*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var label = Path.GetFileName(Path.GetDirectoryName(file))!;
            var index = int.Parse(Path.GetFileNameWithoutExtension(file).Split('_')[1], System.Globalization.CultureInfo.InvariantCulture);
            lines.Add($"{file},{label},{label}-patient-{index / 4}");
        }

        File.WriteAllLines(labels, lines);
        var job = temp.Combine("job");

        var run = ProgramRunner.Run("run", "--input", SampleImages.Samples, "--labels", labels, "--output", job, "--group-column", "patient", "--test-fraction", "0.3");

        Assert.True(run.ExitCode == 0, run.ToString());
        var split = File.ReadAllLines(Path.Combine(job, "model", "split.csv"));
        var header = split[0].Split(',');
        var group = Array.IndexOf(header, "group");
        var side = Array.IndexOf(header, "side");
        var sidesByGroup = split.Skip(1).Select(l => l.Split(',')).GroupBy(f => f[group]).ToDictionary(g => g.Key, g => g.Select(f => f[side]).Distinct().ToArray());
        Assert.Equal(12, sidesByGroup.Count);
        Assert.All(sidesByGroup, kv => Assert.Single(kv.Value));
        Assert.Contains(sidesByGroup.Values, s => s[0] == "test");

        var relabelled = temp.Combine("other.csv");
        File.WriteAllLines(relabelled, lines.Select(l => string.Join(',', l.Split(',')[..2])));
        var resume = ProgramRunner.Run("featurize", "--input", SampleImages.Samples, "--labels", relabelled, "--output", Path.Combine(job, "features"), "--resume");
        Assert.True(resume.ExitCode == 2 && resume.Stderr.Contains("patient", StringComparison.Ordinal), resume.ToString());
    }

    [Fact]
    public void A_labels_column_named_like_a_written_column_is_refused()
    {
        var labels = temp.Combine("labels.csv");
        File.WriteAllLines(labels, ["path,label,width", "a.png,x,3"]);

        var result = ProgramRunner.Run("featurize", "--input", SampleImages.Samples, "--labels", labels, "--output", temp.Combine("out"));

        Assert.True(result.ExitCode == 2 && result.Stderr.Contains("'width'", StringComparison.Ordinal), result.ToString());
    }
}
