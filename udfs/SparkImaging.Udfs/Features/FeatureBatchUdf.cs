using Apache.Arrow;

namespace SparkImaging.Udfs.Features;

/// <summary>
/// The Spark grouped-map UDF: a serializable object whose <see cref="Apply"/> is the
/// <c>Func&lt;RecordBatch, RecordBatch&gt;</c> passed to <c>RelationalGroupedDataset.Apply</c>.
/// It carries only the spec as JSON, so the closure the worker deserializes holds nothing but a string.
/// </summary>
[Serializable]
public sealed class FeatureBatchUdf
{
    private readonly string featureSpecJson;

    [NonSerialized]
    private ImageFeaturizer? featurizer;

    /// <summary>Creates the UDF for a spec serialized with <see cref="FeatureSpec.ToJson"/>.</summary>
    public FeatureBatchUdf(string featureSpecJson)
    {
        // Parse once here so a bad spec fails on the driver, not on every executor.
        featurizer = new ImageFeaturizer(FeatureSpec.FromJson(featureSpecJson));
        this.featureSpecJson = featureSpecJson;
    }

    /// <summary>The spec JSON the UDF carries.</summary>
    public string FeatureSpecJson => featureSpecJson;

    /// <summary>binaryFile rows of one group → feature rows.</summary>
    public RecordBatch Apply(RecordBatch input)
    {
        featurizer ??= new ImageFeaturizer(FeatureSpec.FromJson(featureSpecJson));
        return FeatureBatch.Compute(input, featurizer);
    }
}
