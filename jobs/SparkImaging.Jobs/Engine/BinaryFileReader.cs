using Apache.Arrow;
using Apache.Arrow.Types;
using SparkImaging.Jobs.Inputs;
using SparkImaging.Udfs.Features;

namespace SparkImaging.Jobs.Engine;

/// <summary>
/// Reads files into a batch shaped like Spark's binaryFile source (path, modificationTime, length, content)
/// plus label, so the local engine feeds the batch function exactly what Spark would. A file that cannot be
/// read gets null content and a <c>read_error</c>, never an exception.
/// </summary>
internal sealed class BinaryFileReader
{
    private readonly LabelResolver labels;
    private readonly long maxFileBytes;

    private readonly Action<string>? beforeRead;

    /// <param name="labels">Label of each path.</param>
    /// <param name="maxFileBytes">Larger files are not read.</param>
    /// <param name="beforeRead">Called with each path just before it is read (tests change files there, deterministically).</param>
    public BinaryFileReader(LabelResolver labels, long maxFileBytes, Action<string>? beforeRead = null)
    {
        this.labels = labels;
        this.maxFileBytes = maxFileBytes;
        this.beforeRead = beforeRead;
    }

    public RecordBatch Read(IReadOnlyList<string> paths)
    {
        var pathColumn = new StringArray.Builder();
        var times = new TimestampArray.Builder(new TimestampType(TimeUnit.Microsecond, "UTC"));
        var lengths = new Int64Array.Builder();
        var contents = new BinaryArray.Builder();
        var labelColumn = new StringArray.Builder();
        var errors = new StringArray.Builder();
        foreach (var path in paths)
        {
            pathColumn.Append(path);
            labelColumn.Append(labels.LabelOf(path));
            beforeRead?.Invoke(path);
            void Unreadable(string reason)
            {
                times.AppendNull();
                lengths.Append(0);
                contents.AppendNull();
                errors.Append(reason);
            }

            // Asked before opening: a FIFO would block the open, a device would never end.
            if (FileKind.WhyNotRegular(path) is { } refusal)
            {
                Unreadable(refusal);
                continue;
            }

            try
            {
                var info = new FileInfo(path);
                times.Append(new DateTimeOffset(info.LastWriteTimeUtc));
                lengths.Append(info.Length);
                if (info.Length > maxFileBytes)
                {
                    contents.AppendNull();
                    errors.Append($"file of {info.Length} bytes is over the {maxFileBytes}-byte limit");
                    continue;
                }

                contents.Append(File.ReadAllBytes(path).AsSpan());
                errors.AppendNull();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Unreadable(Describe(e));
            }
        }

        var schema = new Schema.Builder()
            .Field(f => f.Name(FeatureColumns.Path).DataType(StringType.Default).Nullable(false))
            .Field(f => f.Name(FeatureColumns.ModificationTime).DataType(new TimestampType(TimeUnit.Microsecond, "UTC")).Nullable(true))
            .Field(f => f.Name(FeatureColumns.Length).DataType(Int64Type.Default).Nullable(false))
            .Field(f => f.Name(FeatureColumns.Content).DataType(BinaryType.Default).Nullable(true))
            .Field(f => f.Name(FeatureColumns.Label).DataType(StringType.Default).Nullable(true))
            .Field(f => f.Name(FeatureColumns.ReadError).DataType(StringType.Default).Nullable(true))
            .Build();
        return new RecordBatch(schema, [pathColumn.Build(), times.Build(), lengths.Build(), contents.Build(), labelColumn.Build(), errors.Build()], paths.Count);
    }

    private static string Describe(Exception e) => e switch
    {
        UnauthorizedAccessException => "permission denied",
        FileNotFoundException or DirectoryNotFoundException => "file not found (removed after listing?)",
        _ => e.Message,
    };
}
