using Microsoft.ML.Data;

namespace SparkImaging.Pipeline.Training;

/// <summary>A multiclass model's output: one probability per class, in key (= label) order.</summary>
internal sealed class MulticlassScore
{
    [ColumnName(ModelColumns.Score)]
    public float[] Score { get; set; } = [];
}
