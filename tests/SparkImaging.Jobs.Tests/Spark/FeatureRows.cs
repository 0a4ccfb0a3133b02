using SparkImaging.Jobs.Tests.Support;

namespace SparkImaging.Jobs.Tests.Spark;

/// <summary>One feature-table row with every histogram column: one <see cref="DatasetRow"/> per LBP column, in spec order.</summary>
internal sealed record FeatureRows(IReadOnlyList<DatasetRow> PerHistogram)
{
    public string Path => PerHistogram[0].Path;
}
