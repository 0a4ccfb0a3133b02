using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;
using SparkImaging.Udfs.Features;

namespace SparkImaging.Pipeline.Training;

/// <summary>
/// A trained model with what is needed to use it again: the feature spec its inputs were computed with and its labels.
/// Saved as <c>model.zip</c> (ML.NET: standardization, optional PCA, logistic regression), <c>feature-spec.json</c> and <c>model.json</c>.
/// <see cref="Predict"/> is thread-safe.
/// </summary>
public sealed class ModelBundle
{
    /// <summary>The ML.NET model file.</summary>
    public const string ModelFileName = "model.zip";

    /// <summary>The feature spec file.</summary>
    public const string FeatureSpecFileName = "feature-spec.json";

    /// <summary>Labels and vector length.</summary>
    public const string InfoFileName = "model.json";

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };
    private readonly MLContext context;
    private readonly ITransformer model;
    private readonly DataViewSchema inputSchema;
    private readonly SchemaDefinition inputDefinition;
    private readonly Lock engineLock = new();
    private PredictionEngine<FeatureVector, BinaryScore>? binaryEngine;
    private PredictionEngine<FeatureVector, MulticlassScore>? multiclassEngine;

    internal ModelBundle(MLContext context, ITransformer model, DataViewSchema inputSchema, FeatureSpec featureSpec, IReadOnlyList<string> labels, int featureLength, string trainer)
    {
        this.context = context;
        this.model = model;
        this.inputSchema = inputSchema;
        FeatureSpec = featureSpec;
        Labels = labels;
        FeatureLength = featureLength;
        Trainer = trainer;
        inputDefinition = VectorDefinition(featureLength);
    }

    /// <summary>The features the model was trained on; compute the same for new images.</summary>
    public FeatureSpec FeatureSpec { get; }

    /// <summary>Class labels in ordinal order; probabilities come in this order.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Length of the input vector: the sum of the spec's bin counts.</summary>
    public int FeatureLength { get; }

    /// <summary>The ML.NET trainer's name.</summary>
    public string Trainer { get; }

    /// <summary>Whether this is a two-label model.</summary>
    public bool IsBinary => Labels.Count == 2;

    /// <summary>Loads a model directory written by <see cref="Save"/>.</summary>
    /// <exception cref="PipelineException">An <see cref="PipelineErrorKind.InvalidRequest"/>: a file of the bundle is missing or unreadable.</exception>
    public static ModelBundle Load(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        try
        {
            return LoadFiles(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or JsonException or ArgumentException or InvalidOperationException)
        {
            throw new PipelineException(PipelineErrorKind.InvalidRequest, $"--model '{directory}' cannot be loaded: {PipelineException.UserMessage(e)}", e);
        }
    }

    private static ModelBundle LoadFiles(string directory)
    {
        var modelPath = RequireFile(directory, ModelFileName);
        var spec = FeatureSpec.FromJson(File.ReadAllText(RequireFile(directory, FeatureSpecFileName)));
        var info = JsonSerializer.Deserialize<ModelInfo>(File.ReadAllText(RequireFile(directory, InfoFileName)), JsonOptions)
            ?? throw new InvalidDataException($"'{Path.Combine(directory, InfoFileName)}' is empty.");
        var context = new MLContext();
        var model = context.Model.Load(modelPath, out var schema);
        return new ModelBundle(context, model, schema, spec, info.Labels, info.FeatureLength, info.Trainer);
    }

    /// <summary>Writes model.zip, feature-spec.json and model.json into <paramref name="directory"/>.</summary>
    public void Save(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Directory.CreateDirectory(directory);
        context.Model.Save(model, inputSchema, Path.Combine(directory, ModelFileName));
        File.WriteAllText(Path.Combine(directory, FeatureSpecFileName), FeatureSpec.ToJson());
        File.WriteAllText(
            Path.Combine(directory, InfoFileName),
            JsonSerializer.Serialize(new ModelInfo(Labels, FeatureLength, Trainer, ProgramVersion.Current), JsonOptions));
    }

    /// <summary>Predicts one image from its concatenated histograms (as <see cref="FeatureSpec"/> computes them).</summary>
    public Prediction Predict(float[] features)
    {
        ArgumentNullException.ThrowIfNull(features);
        CheckLength(features);
        double[] probabilities;
        lock (engineLock)
        {
            // One engine per bundle behind a lock: PredictionEngine is not thread-safe and is costly to create.
            var input = new FeatureVector { Features = features };
            if (IsBinary)
            {
                binaryEngine ??= context.Model.CreatePredictionEngine<FeatureVector, BinaryScore>(model, inputSchemaDefinition: inputDefinition);
                var p = binaryEngine.Predict(input).Probability;
                probabilities = [1.0 - p, p];
            }
            else
            {
                multiclassEngine ??= context.Model.CreatePredictionEngine<FeatureVector, MulticlassScore>(model, inputSchemaDefinition: inputDefinition);
                probabilities = Array.ConvertAll(multiclassEngine.Predict(input).Score, s => (double)s);
            }
        }

        return new Prediction(Labels[ArgMax(probabilities)], probabilities);
    }

    /// <summary>Class probabilities of many vectors at once (one pass through the model).</summary>
    public double[][] PredictProbabilities(IReadOnlyList<float[]> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        foreach (var vector in features)
        {
            CheckLength(vector);
        }

        var data = context.Data.LoadFromEnumerable(features.Select(f => new FeatureVector { Features = f }), inputDefinition);
        var scored = model.Transform(data);
        if (IsBinary)
        {
            return scored.GetColumn<float>(ModelColumns.Probability).Select(p => new[] { 1.0 - p, p }).ToArray();
        }

        return scored.GetColumn<float[]>(ModelColumns.Score).Select(s => Array.ConvertAll(s, v => (double)v)).ToArray();
    }

    /// <summary>Index of the largest value; the first one on ties.</summary>
    internal static int ArgMax(IReadOnlyList<double> values)
    {
        var best = 0;
        for (var i = 1; i < values.Count; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>A schema definition fixing the vector length, which ML.NET cannot infer from <c>float[]</c>.</summary>
    internal static SchemaDefinition VectorDefinition(int featureLength)
    {
        var definition = SchemaDefinition.Create(typeof(FeatureVector));
        definition[ModelColumns.Features].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureLength);
        return definition;
    }

    private void CheckLength(float[] features)
    {
        if (features.Length != FeatureLength)
        {
            throw new ArgumentException($"The model takes {FeatureLength} features ({FeatureSpec}); got {features.Length}.", nameof(features));
        }
    }

    private static string RequireFile(string directory, string name)
    {
        var path = Path.Combine(directory, name);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Model directory '{directory}' has no {name}.", path);
    }
}
