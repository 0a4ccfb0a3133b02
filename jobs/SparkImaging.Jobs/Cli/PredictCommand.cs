using System.CommandLine;
using System.Text.Json;
using Apache.Arrow;
using Apache.Arrow.Types;
using SparkImaging.Jobs.Dataset;
using SparkImaging.Jobs.Engine;
using SparkImaging.Jobs.Training;
using SparkImaging.Udfs.Features;

namespace SparkImaging.Jobs.Cli;

/// <summary><c>sparkimaging predict</c>: images → predictions dataset, computing the model's own feature spec.</summary>
internal static class PredictCommand
{
    public const string PredictionColumn = "prediction";
    public const string ProbabilityColumn = "probability";
    public const string LabelsKey = "sparkimaging.labels";

    public static Command Create()
    {
        var features = new FeatureOptions();
        var model = new Option<string>("--model") { Description = "Model directory written by train or run.", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "Predictions dataset directory to write.", Required = true };
        var command = new Command("predict", """
            Predict the label of images with a saved model. Rows follow featurize's rules (one per input, errors
            included) and add 'prediction' and 'probability' (per class, in the order of the 'sparkimaging.labels' metadata).

            Example:
              sparkimaging predict --input new-scans/ --model out/model --output out/predictions
            """);
        features.AddTo(command, withSpec: false);
        command.Options.Add(model);
        command.Options.Add(output);
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(async () =>
        {
            var bundle = Load(parse.GetValue(model)!);
            var engineOptions = features.Engine(parse, parse.GetValue(output)!, bundle.FeatureSpec);
            var summary = await new LocalEngine(engineOptions, Predictions(bundle), Console.Error).RunAsync(cancellationToken);
            Console.Out.WriteLine(LocalEngine.Describe(summary));
            return summary.ExitCode(engineOptions.MaxErrorFraction);
        }));
        return command;
    }

    /// <summary>Loads a model, refusing one whose feature spec cannot be reproduced.</summary>
    public static ModelBundle Load(string directory)
    {
        ModelBundle bundle;
        try
        {
            bundle = ModelBundle.Load(directory);
        }
        catch (Exception e) when (e is IOException or FormatException or JsonException or ArgumentException or InvalidDataException or InvalidOperationException)
        {
            throw new UsageException($"Model '{directory}' cannot be used for predict: {e.Message} (predict computes the features the model was trained on, from its {ModelBundle.FeatureSpecFileName}).", e);
        }

        var length = bundle.FeatureSpec.Lbp.Sum(s => s.BinCount);
        if (length != bundle.FeatureLength)
        {
            throw new UsageException($"Model '{directory}' expects {bundle.FeatureLength} features, but its feature spec ({bundle.FeatureSpec}) yields {length}; the model and its {ModelBundle.FeatureSpecFileName} do not belong together.");
        }

        return bundle;
    }

    /// <summary>Feature rows plus the model's prediction and class probabilities.</summary>
    public static RowTransform Predictions(ModelBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var features = FeatureSchema.Features(bundle.FeatureSpec);
        var builder = new Schema.Builder();
        foreach (var field in features.FieldsList)
        {
            builder.Field(field);
        }

        var schema = builder
            .Field(f => f.Name(PredictionColumn).DataType(StringType.Default).Nullable(true))
            .Field(f => f.Name(ProbabilityColumn).DataType(FeatureSchema.HistogramType).Nullable(true))
            .Build();
        var metadata = DatasetMetadata.For(bundle.FeatureSpec);
        metadata[LabelsKey] = JsonSerializer.Serialize(bundle.Labels);
        return new RowTransform(schema, metadata, batch => AddPredictions(batch, bundle, schema));
    }

    private static RecordBatch AddPredictions(RecordBatch batch, ModelBundle bundle, Schema schema)
    {
        var errors = (StringArray)batch.Column(FeatureColumns.Error);
        var lbpColumns = bundle.FeatureSpec.Lbp.Select(s => (ListArray)batch.Column(FeatureColumns.LbpColumn(s))).ToArray();
        var predictions = new StringArray.Builder();
        var probabilities = new ListArray.Builder(FeatureSchema.HistogramType.ValueField);
        var values = (FloatArray.Builder)probabilities.ValueBuilder;
        for (var row = 0; row < batch.Length; row++)
        {
            if (errors.GetString(row) is not null)
            {
                predictions.AppendNull();
                probabilities.AppendNull();
                continue;
            }

            var vector = new float[bundle.FeatureLength];
            var at = 0;
            foreach (var column in lbpColumns)
            {
                var histogram = (FloatArray)column.GetSlicedValues(row);
                for (var i = 0; i < histogram.Length; i++)
                {
                    vector[at++] = histogram.GetValue(i)!.Value;
                }
            }

            var prediction = bundle.Predict(vector);
            predictions.Append(prediction.Label);
            probabilities.Append();
            foreach (var p in prediction.Probabilities)
            {
                values.Append((float)p);
            }
        }

        var columns = Enumerable.Range(0, batch.ColumnCount).Select(batch.Column).Append(predictions.Build()).Append(probabilities.Build()).ToList();
        return new RecordBatch(schema, columns, batch.Length);
    }
}
