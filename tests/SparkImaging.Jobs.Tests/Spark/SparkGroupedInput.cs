using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using SparkImaging.Udfs.Features;

namespace SparkImaging.Jobs.Tests.Spark;

/// <summary>
/// The Arrow stream Spark 3.x sends the .NET worker for SparkImaging.Spark's grouped map: binaryFile's columns in
/// its order and types (path as a decoded <c>file:</c> URI), the <c>label</c> the driver derives from the path, and
/// the group column; one record batch per group. Never <c>read_error</c>: that column is the local engine's.
/// </summary>
internal static class SparkGroupedInput
{
    /// <summary>SparkImaging.Spark's FeatureGroups.GroupColumn.</summary>
    public const string GroupColumn = "_sparkimaging_group";

    /// <summary>
    /// binaryFile's schema (path, modificationTime and length not null), the label (nullable) and the group column:
    /// pmod(xxhash64(path), n) is a bigint, nullable as every pmod.
    /// </summary>
    public static Schema Schema { get; } = new Schema.Builder()
        .Field(f => f.Name(FeatureColumns.Path).DataType(StringType.Default).Nullable(false))
        .Field(f => f.Name(FeatureColumns.ModificationTime).DataType(new TimestampType(TimeUnit.Microsecond, "UTC")).Nullable(false))
        .Field(f => f.Name(FeatureColumns.Length).DataType(Int64Type.Default).Nullable(false))
        .Field(f => f.Name(FeatureColumns.Content).DataType(BinaryType.Default).Nullable(true))
        .Field(f => f.Name(FeatureColumns.Label).DataType(StringType.Default).Nullable(true))
        .Field(f => f.Name(GroupColumn).DataType(Int64Type.Default).Nullable(true))
        .Build();

    /// <summary>The URI Hadoop's <c>Path.toString</c> gives binaryFile for a local file: decoded, a space stays a space.</summary>
    public static string FileUri(string absolutePath) => "file:" + absolutePath;

    /// <summary>
    /// LabelColumn.FromParentDirectory: <c>element_at(split(path, '/'), -2)</c> on the URI.
    /// </summary>
    public static string ParentLabel(string uri) => uri.Split('/')[^2];

    /// <summary>Writes one batch per group, in the order given, each with its files in the order given.</summary>
    public static void Write(string streamPath, IReadOnlyList<(long Group, IReadOnlyList<string> Files)> groups)
    {
        using var stream = File.Create(streamPath);
        using var writer = new ArrowStreamWriter(stream, Schema, leaveOpen: true, new IpcOptions { WriteLegacyIpcFormat = false });
        foreach (var (group, files) in groups)
        {
            writer.WriteRecordBatch(Batch(group, files));
        }

        writer.WriteEnd();
    }

    private static RecordBatch Batch(long group, IReadOnlyList<string> files)
    {
        var paths = new StringArray.Builder();
        var times = new TimestampArray.Builder(new TimestampType(TimeUnit.Microsecond, "UTC"));
        var lengths = new Int64Array.Builder();
        var contents = new BinaryArray.Builder();
        var labels = new StringArray.Builder();
        var groups = new Int64Array.Builder();
        foreach (var file in files)
        {
            var uri = FileUri(file);
            var content = File.ReadAllBytes(file);
            paths.Append(uri);
            times.Append(new DateTimeOffset(File.GetLastWriteTimeUtc(file)));
            lengths.Append(content.Length);
            contents.Append(content.AsSpan());
            labels.Append(ParentLabel(uri));
            groups.Append(group);
        }

        return new RecordBatch(Schema, [paths.Build(), times.Build(), lengths.Build(), contents.Build(), labels.Build(), groups.Build()], files.Count);
    }
}
