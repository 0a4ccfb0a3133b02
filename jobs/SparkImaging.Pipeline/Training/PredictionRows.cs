using System.Text.Json;
using Apache.Arrow;
using Apache.Arrow.Types;
using SparkImaging.Pipeline.Dataset;
using SparkImaging.Pipeline.Engine;
using SparkImaging.Udfs.Features;

namespace SparkImaging.Pipeline.Training;

/// <summary>predict's rows: featurize's rows (one per input, errors included) plus the model's prediction and class probabilities.</summary>
public static class PredictionRows
{
    /// <summary>The predicted label, null for an error row.</summary>
    public const string PredictionColumn = "prediction";

    /// <summary>Class probabilities, in the order of the <see cref="LabelsKey"/> metadata.</summary>
    public const string ProbabilityColumn = "probability";

    /// <summary>Metadata key listing the model's labels as a JSON array.</summary>
    public const string LabelsKey = "sparkimaging.labels";

    /// <summary>Loads a model, refusing one whose feature spec cannot be reproduced.</summary>
    public static ModelBundle LoadModel(string directory)
    {
        var bundle = ModelBundle.Load(directory);

        var length = bundle.FeatureSpec.Lbp.Sum(s => s.BinCount);
        if (length != bundle.FeatureLength)
        {
            throw new PipelineException(PipelineErrorKind.InvalidRequest, $"Model '{directory}' expects {bundle.FeatureLength} features, but its feature spec ({bundle.FeatureSpec}) yields {length}; the model and its {ModelBundle.FeatureSpecFileName} do not belong together.");
        }

        return bundle;
    }

    /// <summary>Feature rows plus the model's prediction and class probabilities.</summary>
    public static RowTransform For(ModelBundle bundle)
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
