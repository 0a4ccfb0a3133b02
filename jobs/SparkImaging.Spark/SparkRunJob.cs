using Microsoft.Spark;
using Microsoft.Spark.Sql;
using SparkImaging.Jobs.Cli;
using SparkImaging.Pipeline.Training;

namespace SparkImaging.Spark;

/// <summary>
/// <c>sparkimaging run</c> on a Spark cluster: images → features (on the executors, through the shared UDF)
/// → Parquet → train and evaluate on the driver with the same code as <c>sparkimaging train</c>.
/// </summary>
internal sealed class SparkRunJob(SparkDriverOptions options, TextWriter output, TextWriter error)
{
    private const string AppName = "SparkImaging";

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        SparkSession spark = SparkSession.Builder().AppName(AppName).GetOrCreate();
        try
        {
            int featurized = Featurize(spark);
            if (featurized != ExitCodes.Success || !options.Train)
            {
                return featurized;
            }
        }
        catch (JvmException ex)
        {
            error.WriteLine($"error: Spark job failed: {FirstLine(ex.Message)}");
            return ExitCodes.Failure;
        }
        finally
        {
            // Training needs no executors; releasing them first frees the cluster while the model fits.
            spark.Stop();
        }

        // Train and evaluate: the same pipeline and metrics as `sparkimaging train`.
        output.WriteLine($"training on {options.FeaturesLocalPath} -> {options.ModelLocalPath}");
        return await TrainingPipeline.RunAsync(
            new TrainOptions
            {
                FeaturesDirectory = options.FeaturesLocalPath,
                ModelDirectory = options.ModelLocalPath,
                Seed = options.Seed,
                TestFraction = options.TestFraction,
            },
            cancellationToken).ConfigureAwait(false);
    }

    private int Featurize(SparkSession spark)
    {
        // Read: one row per file; counting lists files but never loads their content.
        DataFrame images;
        long inputCount;
        try
        {
            images = ImageFileReader.Read(spark, options);
            inputCount = images.Count();
        }
        catch (JvmException ex) when (IsMissingInput(ex))
        {
            error.WriteLine($"error: no input found: {FirstLine(ex.Message)}");
            return ExitCodes.BadUsage;
        }

        if (inputCount == 0)
        {
            error.WriteLine($"error: no input found under {string.Join(", ", options.Inputs)} matching '{options.PathGlobFilter}'");
            return ExitCodes.BadUsage;
        }

        // Label, group, extract: the UDF runs once per group on the executors.
        int groupCount = FeatureGroups.Count(inputCount, options);
        output.WriteLine($"featurizing {inputCount} files in {groupCount} groups -> {options.FeaturesUri}");
        DataFrame labelled = LabelColumn.Attach(spark, images, options.LabelsCsv);
        DataFrame features = FeatureExtractionStep.Apply(FeatureGroups.Assign(labelled, groupCount), options.FeatureSpec);

        // Write, then account for every input from what was actually committed.
        FeatureDatasetWriter.Write(features, options);
        FeatureDatasetSummary summary = FeatureDatasetSummary.Read(spark, options);
        output.WriteLine($"features committed: {summary.Rows} rows, {summary.FailedRows} with errors");

        if (summary.Rows != inputCount)
        {
            error.WriteLine($"error: the dataset has {summary.Rows} rows for {inputCount} inputs; expected exactly one row per input");
            return ExitCodes.Failure;
        }

        if (summary.TooManyFailed(options.MaxErrorFraction))
        {
            error.WriteLine($"error: {summary.FailedRows} of {summary.Rows} inputs failed (allowed fraction {options.MaxErrorFraction})");
            return ExitCodes.TooManyErrors;
        }

        return ExitCodes.Success;
    }

    /// <summary>Spark reports a path or glob that matches nothing as an AnalysisException naming it.</summary>
    private static bool IsMissingInput(JvmException ex) =>
        ex.Message.Contains("Path does not exist", StringComparison.Ordinal) ||
        ex.Message.Contains("PATH_NOT_FOUND", StringComparison.Ordinal);

    private static string FirstLine(string message)
    {
        int end = message.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? message : message[..end].TrimEnd();
    }
}
