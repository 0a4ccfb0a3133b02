using Microsoft.ML.Data;

namespace SparkImaging.Pipeline.Training;

/// <summary>A binary model's output: the probability of the positive (second) label.</summary>
internal sealed class BinaryScore
{
    [ColumnName(ModelColumns.Probability)]
    public float Probability { get; set; }
}
