using Microsoft.ML.Data;

namespace SparkImaging.Pipeline.Training;

/// <summary>What a saved model takes: the concatenated histograms of one image.</summary>
internal sealed class FeatureVector
{
    [ColumnName(ModelColumns.Features)]
    public float[] Features { get; set; } = [];
}
