using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using SparkImaging.Udfs.Features;

namespace SparkImaging.Pipeline.Training;

/// <summary>Fits the ML.NET pipeline: standardize → optional PCA → L-BFGS logistic regression.</summary>
internal static class ModelTrainer
{
    public const string BinaryTrainer = "LbfgsLogisticRegression";
    public const string MulticlassTrainer = "LbfgsMaximumEntropy";

    /// <summary>Trains on the given rows.</summary>
    /// <param name="features">Feature vectors, all of one length.</param>
    /// <param name="classes">Class index of each row, into <paramref name="labels"/>.</param>
    /// <param name="labels">All labels of the dataset (at least two), ordinal order.</param>
    /// <param name="spec">The features' spec, saved with the model.</param>
    /// <param name="options">Regularization, weighting, PCA and seed.</param>
    public static ModelBundle Fit(IReadOnlyList<float[]> features, IReadOnlyList<int> classes, IReadOnlyList<string> labels, FeatureSpec spec, TrainOptions options)
    {
        var featureLength = features[0].Length;
        var context = new MLContext(seed: options.Seed);

        // Load: the schema definition fixes the vector length and the number of class keys.
        var weights = ClassWeights(classes, labels.Count, options.ClassWeight);
        var examples = new TrainingExample[features.Count];
        for (var i = 0; i < examples.Length; i++)
        {
            examples[i] = new TrainingExample
            {
                Features = features[i],
                IsPositive = classes[i] == 1,
                ClassKey = (uint)classes[i],
                Weight = weights[classes[i]],
            };
        }

        var definition = SchemaDefinition.Create(typeof(TrainingExample));
        definition[ModelColumns.Features].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureLength);
        definition[ModelColumns.ClassKey].ColumnType = new KeyDataViewType(typeof(uint), labels.Count);
        var data = context.Data.LoadFromEnumerable(examples, definition);

        // Standardize each feature (mean 0, variance 1), as scikit-learn's StandardScaler before LogisticRegression.
        IEstimator<ITransformer> pipeline = context.Transforms.NormalizeMeanVariance(ModelColumns.Features, fixZero: false);
        if (options.Pca is { } rank)
        {
            pipeline = pipeline.Append(context.Transforms.ProjectToPrincipalComponents(ModelColumns.Features, rank: rank, seed: options.Seed));
        }

        // L-BFGS passes over the data many times: cache the transformed rows once.
        pipeline = pipeline.AppendCacheCheckpoint(context);

        // ML.NET's objective is Σ wᵢ·lossᵢ + ½·L2·‖w‖² (then divided by Σ wᵢ, which moves no optimum); scikit-learn's
        // is C·Σ wᵢ·lossᵢ + ½·‖w‖². Dividing by C gives L2 = 1/C, independent of n. Neither penalizes the bias.
        var l2 = (float)options.EffectiveL2;
        var l1 = (float)options.L1;
        var weightColumn = options.ClassWeight == ClassWeighting.None ? null : ModelColumns.Weight;
        string trainer;
        if (labels.Count == 2)
        {
            trainer = BinaryTrainer;
            pipeline = pipeline.Append(context.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = ModelColumns.BinaryLabel,
                FeatureColumnName = ModelColumns.Features,
                ExampleWeightColumnName = weightColumn,
                L2Regularization = l2,
                L1Regularization = l1,
                // One thread: the summed gradient, and so the model, is then the same on every machine.
                NumberOfThreads = 1,
            }));
        }
        else
        {
            trainer = MulticlassTrainer;
            pipeline = pipeline.Append(context.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = ModelColumns.ClassKey,
                FeatureColumnName = ModelColumns.Features,
                ExampleWeightColumnName = weightColumn,
                L2Regularization = l2,
                L1Regularization = l1,
                NumberOfThreads = 1,
            }));
        }

        var model = pipeline.Fit(data);
        var inputSchema = context.Data.LoadFromEnumerable(Array.Empty<FeatureVector>(), ModelBundle.VectorDefinition(featureLength)).Schema;
        return new ModelBundle(context, model, inputSchema, spec, labels, featureLength, trainer);
    }

    /// <summary>Weight of each class: 1, or n / (k · n_c) over the rows being fitted, as scikit-learn's "balanced".</summary>
    internal static float[] ClassWeights(IReadOnlyList<int> classes, int classCount, ClassWeighting weighting)
    {
        var weights = new float[classCount];
        Array.Fill(weights, 1f);
        if (weighting == ClassWeighting.Balanced)
        {
            var counts = new int[classCount];
            foreach (var c in classes)
            {
                counts[c]++;
            }

            for (var c = 0; c < classCount; c++)
            {
                weights[c] = counts[c] == 0 ? 0f : (float)((double)classes.Count / (classCount * counts[c]));
            }
        }

        return weights;
    }
}
