namespace SparkImaging.Pipeline.Training;

/// <summary>
/// The files train writes into a model directory. An existing model is replaced only when asked, and then wholly: every
/// file of the old one goes first, so a two-label model's ROC curve never outlives it; other files are left alone.
/// </summary>
internal static class ModelFiles
{
    private static readonly string[] Names =
    [
        ModelBundle.ModelFileName, ModelBundle.FeatureSpecFileName, ModelBundle.InfoFileName, ReportFiles.MetricsFileName,
        ReportFiles.SplitFileName, ReportFiles.FeaturesFileName, TrainingPlots.ConfusionMatrixFileName, TrainingPlots.RocCurveFileName,
        EvaluationPipeline.DefaultOutputFileName,
    ];

    /// <summary>Refuses a model directory that holds a model unless <paramref name="overwrite"/>; a file there is refused always.</summary>
    /// <exception cref="TrainingException">An <see cref="PipelineErrorKind.InvalidRequest"/> naming the directory.</exception>
    public static void CheckWritable(string directory, bool overwrite)
    {
        if (File.Exists(directory))
        {
            throw new TrainingException(PipelineErrorKind.InvalidRequest, $"--model '{directory}' is a file; name a directory to write the model into.");
        }

        var existing = Existing(directory).ToList();
        if (existing.Count > 0 && !overwrite)
        {
            throw new TrainingException(PipelineErrorKind.InvalidRequest, $"--model '{directory}' already holds a model ({string.Join(", ", existing.Select(Path.GetFileName))}); pass --overwrite to replace it, or choose another directory.");
        }
    }

    /// <summary>Deletes the files of an earlier model in <paramref name="directory"/>.</summary>
    public static void RemoveExisting(string directory)
    {
        foreach (var file in Existing(directory))
        {
            File.Delete(file);
        }
    }

    private static IEnumerable<string> Existing(string directory) =>
        Directory.Exists(directory) ? Names.Select(name => Path.Combine(directory, name)).Where(File.Exists) : [];
}
