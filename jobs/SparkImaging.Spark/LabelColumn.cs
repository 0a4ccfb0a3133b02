using Microsoft.Spark.Sql;
using Microsoft.Spark.Sql.Types;
using SparkImaging.Pipeline.Inputs;
using SparkImaging.Pipeline.Spark;
using SparkImaging.Udfs.Archives;
using SparkImaging.Udfs.Features;
using static Microsoft.Spark.Sql.Functions;

namespace SparkImaging.Spark;

/// <summary>
/// The <c>label</c> column, by the CLI's rules: the parent directory's name, or the labels CSV parsed by the same code as
/// the CLI's (<see cref="LabelResolver"/>: relative paths, <c>file:</c> URIs, conflicting duplicates refused).
/// </summary>
internal sealed class LabelColumn
{
    private const string PathKey = "_sparkimaging_path_key";
    private const string MemberLabel = "_sparkimaging_member_label";

    private readonly DataFrame? csvRows;
    private readonly IReadOnlyList<string> extraColumns;

    private LabelColumn(DataFrame? csvRows, IReadOnlyList<string> extraColumns)
    {
        this.csvRows = csvRows;
        this.extraColumns = extraColumns;
    }

    /// <summary>The labels CSV, read through Spark (any Hadoop URI) and parsed on the driver; or parent-directory labels.</summary>
    public static LabelColumn Load(SparkSession spark, string? labelsCsv)
    {
        if (labelsCsv is null)
        {
            return new LabelColumn(null, []);
        }

        var lines = spark.Read().Text(labelsCsv).Collect().Select(row => row.GetAs<string>(0));
        var labels = LabelResolver.Parse(lines, labelsCsv, StorageUri.Parent(labelsCsv));
        var fields = new List<StructField> { new(PathKey, new StringType(), isNullable: false), new(FeatureColumns.Label, new StringType()) };
        fields.AddRange(labels.ExtraColumns.Select(name => new StructField(name, new StringType())));
        var rows = labels.Entries.Select(entry => new GenericRow([entry.Key, .. entry.Value]));
        return new LabelColumn(spark.CreateDataFrame(rows, new StructType(fields)), labels.ExtraColumns);
    }

    /// <summary>
    /// Adds <c>label</c> to the images (one row per image whatever the CSV holds), judging the CSV's coverage by the CLI's
    /// rule (<see cref="LabelCoverage.Judge"/>): inputs without a row are refused unless --allow-unlabeled. Archives are
    /// left out here: their rows are their members', labelled and judged by <see cref="LabelMembers"/> once the UDF has
    /// listed them. By folder, an archive's label is its folder's, which the UDF gives its members at the archive's root.
    /// </summary>
    public DataFrame Attach(DataFrame images, string? labelsCsv, bool allowUnlabeled, TextWriter log)
    {
        if (csvRows is null)
        {
            return images.WithColumn(FeatureColumns.Label, Expr(SparkSql.ParentDirectoryLabel(FeatureColumns.Path)));
        }

        DataFrame keys = images.Where(Not(Expr(SparkSql.IsArchiveName(FeatureColumns.Path)))).Select(Col(FeatureColumns.Path).As(PathKey));
        DataFrame fileRows = csvRows.Where(Not(Col(PathKey).Contains(ArchivePath.Separator)));
        var (unlabeled, unlabeledExamples) = CountWithExamples(keys.Join(fileRows, [PathKey], "left_anti"));
        var (unmatched, unmatchedExamples) = CountWithExamples(fileRows.Select(PathKey).Join(keys, [PathKey], "left_anti"));
        LabelCoverage.Judge(labelsCsv!, unmatched, unmatchedExamples, unlabeled, unlabeledExamples, allowUnlabeled, log);
        DataFrame labels = fileRows.Select(Col(PathKey), Col(FeatureColumns.Label));
        return images.Join(labels, images[FeatureColumns.Path] == labels[PathKey], "left").Drop(PathKey);
    }

    /// <summary>
    /// With a labels CSV and archives among the inputs: every archive member's row (<c>archive!/member</c>) takes its
    /// label from the CSV row of that path, judged by the same rule as files (members without a row are refused unless
    /// --allow-unlabeled). The features are cached so the judgement and the write compute them once; nothing is
    /// written before the judgement.
    /// </summary>
    public DataFrame LabelMembers(DataFrame features, bool hasArchives, string? labelsCsv, bool allowUnlabeled, TextWriter log)
    {
        if (csvRows is null || !hasArchives)
        {
            return features;
        }

        features = features.Cache();
        DataFrame memberRows = csvRows.Where(Col(PathKey).Contains(ArchivePath.Separator));
        DataFrame members = features.Where(Col(FeatureColumns.Path).Contains(ArchivePath.Separator)).Select(Col(FeatureColumns.Path).As(PathKey));
        var (unlabeled, unlabeledExamples) = CountWithExamples(members.Join(memberRows, [PathKey], "left_anti"));
        var (unmatched, unmatchedExamples) = CountWithExamples(memberRows.Select(PathKey).Join(members, [PathKey], "left_anti"));
        LabelCoverage.Judge(labelsCsv!, unmatched, unmatchedExamples, unlabeled, unlabeledExamples, allowUnlabeled, log);
        DataFrame labels = memberRows.Select(Col(PathKey), Col(FeatureColumns.Label).As(MemberLabel));
        return features.Join(labels, features[FeatureColumns.Path] == labels[PathKey], "left")
            .WithColumn(FeatureColumns.Label, When(Col(FeatureColumns.Path).Contains(ArchivePath.Separator), Col(MemberLabel)).Otherwise(Col(FeatureColumns.Label)))
            .Drop(PathKey, MemberLabel);
    }

    /// <summary>The CSV's extra columns (e.g. patient) joined onto the feature rows by path, after the UDF's columns as the CLI writes them.</summary>
    public DataFrame AddExtraColumns(DataFrame features)
    {
        if (csvRows is null || extraColumns.Count == 0)
        {
            return features;
        }

        DataFrame extras = csvRows.Drop(FeatureColumns.Label).WithColumnRenamed(PathKey, FeatureColumns.Path);
        return features.Join(extras, [FeatureColumns.Path], "left");
    }

    private static (long Count, IReadOnlyList<string> Examples) CountWithExamples(DataFrame paths)
    {
        long count = paths.Count();
        return (count, count == 0 ? [] : [.. paths.Limit(3).Collect().Select(row => row.GetAs<string>(0))]);
    }
}
