using Microsoft.ML.Data;

namespace SparkImaging.Pipeline.Training;

/// <summary>One training row for ML.NET; the vector size and key count are set at run time by a schema definition.</summary>
internal sealed class TrainingExample
{
    [ColumnName(ModelColumns.Features)]
    public float[] Features { get; set; } = [];

    /// <summary>Binary label: the row's class is the second of the two sorted labels (scikit-learn's positive class).</summary>
    [ColumnName(ModelColumns.BinaryLabel)]
    public bool IsPositive { get; set; }

    /// <summary>Class index 0..k−1: ML.NET maps a key-typed POCO member from 0-based values (key 0 = missing is internal).</summary>
    [ColumnName(ModelColumns.ClassKey)]
    public uint ClassKey { get; set; }

    [ColumnName(ModelColumns.Weight)]
    public float Weight { get; set; } = 1;
}
