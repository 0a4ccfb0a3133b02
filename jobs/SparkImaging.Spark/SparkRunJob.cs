using Microsoft.Spark;
using Microsoft.Spark.Sql;
using SparkImaging.Pipeline;
using SparkImaging.Pipeline.Dataset;
using SparkImaging.Pipeline.Spark;
using SparkImaging.Pipeline.Training;
using SparkImaging.Udfs.Features;
using SparkImaging.Udfs.Imaging;
using static Microsoft.Spark.Sql.Functions;

namespace SparkImaging.Spark;

/// <summary>
/// <c>sparkimaging run</c> on a Spark cluster: images → features (on the executors, through the shared UDF) → Parquet →
/// the table collected through Spark → train and evaluate on the driver with the same code as <c>sparkimaging train</c>
/// → the model directory published next to the features.
/// </summary>
internal sealed class SparkRunJob(SparkRunRequest request, TextWriter output, TextWriter log)
{
    private const string AppName = "SparkImaging";

    public Task<int> RunAsync(CancellationToken cancellationToken)
    {
        // The executors' workers read the PNG route from their environment (the same variable the CLI reads).
        SparkSession spark = SparkSession.Builder()
            .AppName(AppName)
            .Config($"spark.executorEnv.{DecoderSettings.PngRouteVariable}", request.PngRoute.ToString().ToLowerInvariant())
            .GetOrCreate();
        try
        {
            // Refused before any work, as the CLI does: an existing dataset or model is replaced only with --overwrite.
            HadoopStorage.RequireAbsentOrOverwrite(spark, request.FeaturesUri, request.Overwrite);
            if (request.Train)
            {
                HadoopStorage.RequireAbsentOrOverwrite(spark, request.ModelUri, request.Overwrite);
            }

            int featurized = Featurize(spark);
            if (featurized != ExitCodes.Success || !request.Train)
            {
                return Task.FromResult(featurized);
            }

            cancellationToken.ThrowIfCancellationRequested();
            Train(spark);
            return Task.FromResult(ExitCodes.Success);
        }
        catch (JvmException ex)
        {
            log.WriteLine($"error: Spark job failed: {FirstLine(ex.Message)}");
            return Task.FromResult(ExitCodes.Failure);
        }
        finally
        {
            spark.Stop();
        }
    }

    private int Featurize(SparkSession spark)
    {
        // Read: one row per file; counting lists files but never loads their content.
        DataFrame images;
        long inputCount;
        try
        {
            images = ImageFileReader.Read(spark, request);
            inputCount = images.Count();
        }
        catch (JvmException ex) when (IsMissingInput(ex))
        {
            throw new PipelineException(PipelineErrorKind.NoInput, $"No input found: {FirstLine(ex.Message)}");
        }

        if (inputCount == 0)
        {
            throw new PipelineException(PipelineErrorKind.NoInput, $"No input found in {string.Join(", ", request.Inputs.Select(i => $"'{i}'"))} matching '{request.PathGlobFilter}'.");
        }

        // Label, group, extract: the UDF runs once per group on the executors; an archive becomes its members' rows.
        int groupCount = SparkGroups.Count(inputCount, request.GroupSize, request.Partitions);
        long archiveCount = images.Where(Expr(SparkSql.IsArchiveName(FeatureColumns.Path))).Count();
        output.WriteLine($"featurizing {inputCount} files ({archiveCount} archives) in {groupCount} groups -> {request.FeaturesUri}");
        LabelColumn labels = LabelColumn.Load(spark, request.LabelsCsv);
        DataFrame features = FeatureExtractionStep.Apply(labels.Attach(images, request.LabelsCsv, request.AllowUnlabeled, log), groupCount, request.Spec);
        features = labels.LabelMembers(features, archiveCount > 0, request.LabelsCsv, request.AllowUnlabeled, log);

        // Write, then account for every input from what was actually committed: one row per file, at least one per archive.
        FeatureDatasetWriter.Write(labels.AddExtraColumns(features), request.FeaturesUri, request.Overwrite);
        FeatureDatasetSummary summary = FeatureDatasetSummary.Read(spark, request.FeaturesUri);
        output.WriteLine($"features committed: {summary}");
        if (archiveCount == 0 ? summary.Rows != inputCount : summary.Rows < inputCount)
        {
            throw new PipelineException($"The dataset has {summary.Rows} rows for {inputCount} inputs; expected one row per file and at least one per archive.");
        }

        if (summary.BudgetProblem(request.MaxErrorFraction) is { } problem)
        {
            log.WriteLine($"error: {problem}");
            return ExitCodes.TooManyErrors;
        }

        return ExitCodes.Success;
    }

    private void Train(SparkSession spark)
    {
        FeatureTable table = FeatureCollector.Collect(spark, request);
        string staging = Directory.CreateTempSubdirectory("sparkimaging-model-").FullName;
        try
        {
            output.WriteLine($"training on {table.Rows.Count} rows of {request.FeaturesUri} -> {request.ModelUri}");
            TrainingPipeline.Train(table, request.Training with { ModelDirectory = staging }, output);
            HadoopStorage.Publish(spark, staging, request.ModelUri);
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
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
