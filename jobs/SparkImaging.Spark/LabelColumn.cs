using Microsoft.Spark.Sql;
using SparkImaging.Udfs.Features;
using static Microsoft.Spark.Sql.Functions;

namespace SparkImaging.Spark;

/// <summary>Adds the <c>label</c> column: the parent directory's name, or the value from a labels CSV.</summary>
internal static class LabelColumn
{
    private const string PathKey = "_sparkimaging_path_key";
    private const string CsvLabel = "_sparkimaging_csv_label";

    /// <summary>Strips the scheme so <c>file:/a/b.png</c> (what Spark reports) matches <c>/a/b.png</c> in a CSV.</summary>
    private const string FileSchemePattern = "^file:(//)?";

    public static DataFrame Attach(SparkSession spark, DataFrame images, string? labelsCsv) =>
        labelsCsv is null ? FromParentDirectory(images) : FromCsv(spark, images, labelsCsv);

    /// <summary>The ImageFolder convention: <c>.../cat/001.png</c> is labelled <c>cat</c>.</summary>
    private static DataFrame FromParentDirectory(DataFrame images) =>
        images.WithColumn(FeatureColumns.Label, ElementAt(Split(Col(FeatureColumns.Path), "/"), -2));

    /// <summary>
    /// A left join keeps exactly one row per image: unlisted images get a null label, and a path listed
    /// twice in the CSV keeps one of its labels instead of duplicating the image.
    /// </summary>
    private static DataFrame FromCsv(SparkSession spark, DataFrame images, string labelsCsv)
    {
        DataFrame labels = spark.Read()
            .Option("header", "true")
            .Schema($"{FeatureColumns.Path} STRING, {FeatureColumns.Label} STRING")
            .Csv(labelsCsv)
            .WithColumn(PathKey, RegexpReplace(Col(FeatureColumns.Path), FileSchemePattern, string.Empty))
            .Drop(FeatureColumns.Path)
            .WithColumnRenamed(FeatureColumns.Label, CsvLabel)
            .DropDuplicates(PathKey);

        return images
            .WithColumn(PathKey, RegexpReplace(Col(FeatureColumns.Path), FileSchemePattern, string.Empty))
            .Join(labels, [PathKey], "left")
            .Drop(PathKey)
            .WithColumnRenamed(CsvLabel, FeatureColumns.Label);
    }
}
