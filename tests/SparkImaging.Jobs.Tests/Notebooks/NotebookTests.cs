using System.Text.Json;
using System.Xml.Linq;
using SparkImaging.Jobs.Tests.Cluster;
using SparkImaging.Jobs.Tests.Support;

namespace SparkImaging.Jobs.Tests.Notebooks;

/// <summary>
/// The C# notebook docs/notebooks/features.ipynb runs headless, as a user's Polyglot notebook would, on a dataset
/// featurized from the samples: dotnet-repl (a local tool, .config/dotnet-tools.json) executes every cell and
/// reports each as a TRX test result; any cell error fails this test with the cell and its message.
/// </summary>
public sealed class NotebookTests : IDisposable
{
    /// <summary>The environment variable the notebook reads the dataset directory from.</summary>
    private const string FeaturesVariable = "SPARKIMAGING_FEATURES";
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(6);
    private static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Csharp_features_notebook_runs_every_cell_without_an_error()
    {
        var notebook = Path.Combine(SampleImages.RepositoryRoot, "docs", "notebooks", "features.ipynb");
        var features = temp.Combine("features");
        var featurize = ProgramRunner.Run("featurize", "--input", SampleImages.Samples, "--output", features);
        Assert.True(featurize.ExitCode == 0, featurize.ToString());

        // A fresh clone has the tool manifest but not the tool; restoring is quick once the package is cached.
        var restore = await ChildProcess.RunAsync("dotnet", ["tool", "restore"], ToolTimeout, workingDirectory: SampleImages.RepositoryRoot);
        Assert.True(restore.Succeeded, restore.Describe());
        var trx = temp.Combine("notebook.trx");
        var run = await ChildProcess.RunAsync(
            "dotnet",
            ["tool", "run", "dotnet-repl", "--run", notebook, "--exit-after-run", "--output-format", "trx", "--output-path", trx],
            ToolTimeout,
            new Dictionary<string, string> { [FeaturesVariable] = features },
            SampleImages.RepositoryRoot);

        Assert.True(File.Exists(trx), run.Describe());
        // dotnet-repl declares UTF-16 in the XML header but writes UTF-8: parse the text, not the bytes.
        var results = XDocument.Parse(File.ReadAllText(trx)).Descendants(Trx + "UnitTestResult").ToList();
        var failed = results.Where(r => (string?)r.Attribute("outcome") != "Passed")
            .Select(r => $"{(string?)r.Attribute("testName")}: {r.Descendants(Trx + "Message").FirstOrDefault()?.Value}").ToList();
        Assert.True(failed.Count == 0, "cells failed:\n" + string.Join('\n', failed));
        Assert.True(run.Succeeded, run.Describe());
        Assert.Equal(CellCount(notebook), results.Count);

        // The numbers the notebook printed are the samples': 16 rows per label, none failed, a hold-out score.
        var output = string.Join('\n', results.Select(r => r.Descendants(Trx + "StdOut").FirstOrDefault()?.Value));
        foreach (var label in new[] { "brick", "grass", "gravel" })
        {
            Assert.Matches($@"(?m)^{label} +16 +0$", output);
        }

        Assert.Contains("48 labelled rows with features", output, StringComparison.Ordinal);
        Assert.Matches(@"hold-out accuracy (0\.\d{3}|1\.000)", output);
    }

    private static int CellCount(string notebook)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(notebook));
        return document.RootElement.GetProperty("cells").GetArrayLength();
    }
}
