namespace SparkImaging.Jobs.Tests.Support;

/// <summary>One feature-table row as a notebook sees it.</summary>
internal sealed record DatasetRow(string Path, string? Label, int? Width, int? Height, string? Error, float[]? Histogram)
{
    public bool SameAs(DatasetRow other) =>
        Path == other.Path && Label == other.Label && Width == other.Width && Height == other.Height && Error == other.Error
        && (Histogram is null ? other.Histogram is null : other.Histogram is not null && Histogram.SequenceEqual(other.Histogram));
}
