using SparkImaging.Udfs.Features;

namespace SparkImaging.Pipeline.Dataset;

/// <summary>A whole feature dataset in memory: its feature spec and its rows, in file then row order.</summary>
/// <param name="Spec">The spec every part file was written with (from metadata, or inferred from column names).</param>
/// <param name="Rows">Every row, error rows included.</param>
/// <param name="Files">The part files read, in order.</param>
public sealed record FeatureTable(FeatureSpec Spec, IReadOnlyList<FeatureRow> Rows, IReadOnlyList<string> Files)
{
    /// <summary>Length of each row's concatenated feature vector.</summary>
    public int FeatureLength => Spec.Lbp.Sum(s => s.BinCount);

    /// <summary>Whether the directory has <c>_SUCCESS</c>, i.e. the run that wrote it accounted for every input.</summary>
    public bool Complete { get; init; }
}
