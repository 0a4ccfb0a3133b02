using SparkImaging.Pipeline.Dataset;
using SparkImaging.Udfs.Features;

namespace SparkImaging.Jobs.Tests.Training;

public sealed class FeatureTableReaderTests
{
    private static readonly FeatureSpec Spec = FeatureSpec.Parse(["8:1:uniform", "4:1.5:nri_uniform"], "mean", "max", FeatureSpec.DefaultMaxPixels);

    [Fact]
    public async Task Reads_rows_with_concatenated_histograms_and_keeps_error_rows_without_features()
    {
        using var temp = new TempDirectory();
        TextureDataset.Write(temp.Path, Spec, kinds: 2, perKind: 5, errorRows: 2);

        var table = await FeatureTableReader.ReadAsync(temp.Path, TextureDataset.GroupColumn);

        Assert.Equal(Spec, table.Spec);
        Assert.True(table.Complete);
        Assert.Equal(12, table.Rows.Count);
        Assert.Equal(2, table.Rows.Count(r => r.Error == "truncated" && r.Features is null));
        var good = table.Rows.Where(r => r.Error is null).ToList();
        Assert.All(good, r => Assert.Equal(10 + 15, r.Features!.Length));
        Assert.All(good, r => Assert.Equal(2.0, r.Features!.Sum(), 4));
        Assert.All(table.Rows, r => Assert.NotNull(r.Group));
    }

    [Fact]
    public async Task Infers_the_spec_from_column_names_when_files_carry_no_metadata_as_from_spark()
    {
        using var temp = new TempDirectory();
        TextureDataset.Write(temp.Path, Spec, kinds: 2, perKind: 3, withMetadata: false);

        var table = await FeatureTableReader.ReadAsync(temp.Path);

        Assert.Equal(Spec.Lbp, table.Spec.Lbp);
        Assert.Equal(6, table.Rows.Count);
    }

    [Fact]
    public async Task Refuses_missing_directory_empty_directory_and_mixed_specs_naming_the_problem()
    {
        using var temp = new TempDirectory();
        var missing = await Assert.ThrowsAsync<FeatureTableException>(() => FeatureTableReader.ReadAsync(temp.Sub("nowhere")));
        Directory.CreateDirectory(temp.Sub("empty/_temporary"));
        File.WriteAllText(temp.Sub("empty/_temporary/part-00000.parquet"), "half-written");
        var empty = await Assert.ThrowsAsync<FeatureTableException>(() => FeatureTableReader.ReadAsync(temp.Sub("empty")));
        TextureDataset.Write(temp.Sub("mixed"), Spec, kinds: 2, perKind: 2);
        TextureDataset.Write(temp.Sub("other"), FeatureSpec.Default, kinds: 2, perKind: 2);
        File.Copy(Path.Combine(temp.Sub("other"), "part-00000-a.parquet"), Path.Combine(temp.Sub("mixed"), "part-00002-c.parquet"));
        var mixed = await Assert.ThrowsAsync<FeatureTableException>(() => FeatureTableReader.ReadAsync(temp.Sub("mixed")));

        Assert.True(missing.NoData);
        Assert.True(empty.NoData);
        Assert.Contains("no committed .parquet", empty.Message, StringComparison.Ordinal);
        Assert.Contains("part-00002-c.parquet", mixed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_a_missing_group_column_naming_the_file()
    {
        using var temp = new TempDirectory();
        TextureDataset.Write(temp.Path, Spec, kinds: 2, perKind: 2);

        var e = await Assert.ThrowsAsync<FeatureTableException>(() => FeatureTableReader.ReadAsync(temp.Path, "slide"));

        Assert.Contains("part-00000-a.parquet", e.Message, StringComparison.Ordinal);
        Assert.Contains("'slide'", e.Message, StringComparison.Ordinal);
    }
}
