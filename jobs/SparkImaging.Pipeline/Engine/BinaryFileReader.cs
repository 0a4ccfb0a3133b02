using System.Buffers;
using Apache.Arrow;
using Apache.Arrow.Types;
using SparkImaging.Pipeline.Inputs;
using SparkImaging.Udfs.Features;

namespace SparkImaging.Pipeline.Engine;

/// <summary>
/// Reads files into a batch shaped like Spark's binaryFile source (path, modificationTime, length, content)
/// plus label, so the local engine feeds the batch function exactly what Spark would. A file that cannot be
/// read gets null content and a <c>read_error</c>, never an exception.
/// </summary>
internal sealed class BinaryFileReader
{
    /// <summary>The batches' columns: Spark's binaryFile source plus label and read error.</summary>
    public static readonly Schema Schema = new Schema.Builder()
        .Field(f => f.Name(FeatureColumns.Path).DataType(StringType.Default).Nullable(false))
        .Field(f => f.Name(FeatureColumns.ModificationTime).DataType(new TimestampType(TimeUnit.Microsecond, "UTC")).Nullable(true))
        .Field(f => f.Name(FeatureColumns.Length).DataType(Int64Type.Default).Nullable(false))
        .Field(f => f.Name(FeatureColumns.Content).DataType(BinaryType.Default).Nullable(true))
        .Field(f => f.Name(FeatureColumns.Label).DataType(StringType.Default).Nullable(true))
        .Field(f => f.Name(FeatureColumns.ReadError).DataType(StringType.Default).Nullable(true))
        .Build();

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

    /// <summary>
    /// Reads <paramref name="paths"/> into a batch and hands it to <paramref name="use"/>. The content column lives in
    /// pooled memory that is reused once <paramref name="use"/> returns, so nothing may keep the batch beyond it.
    /// </summary>
    public TResult Read<TResult>(IReadOnlyList<string> paths, Func<RecordBatch, TResult> use)
    {
        var pathColumn = new StringArray.Builder();
        var times = new TimestampArray.Builder(new TimestampType(TimeUnit.Microsecond, "UTC"));
        var lengths = new Int64Array.Builder();
        var labelColumn = new StringArray.Builder();
        var errors = new StringArray.Builder();
        var offsets = new ArrowBuffer.Builder<int>(paths.Count + 1);
        var validity = new ArrowBuffer.BitmapBuilder(paths.Count);
        var nulls = 0;

        // Every file straight into one pooled buffer: no array per file, no copy into a growing Arrow buffer.
        var content = ArrayPool<byte>.Shared.Rent(EstimateBytes(paths));
        var used = 0;
        try
        {
            offsets.Append(0);
            foreach (var path in paths)
            {
                pathColumn.Append(path);
                labelColumn.Append(labels.LabelOf(path));
                var start = used;
                DateTimeOffset? time = null;
                long length = 0;
                beforeRead?.Invoke(path);

                // Asked before opening: a FIFO would block the open, a device would never end.
                var error = FileKind.WhyNotRegular(path);
                if (error is null)
                {
                    try
                    {
                        var info = new FileInfo(path);
                        length = info.Length;
                        time = new DateTimeOffset(info.LastWriteTimeUtc);
                        if (length > maxFileBytes)
                        {
                            error = $"file of {length} bytes is over the {maxFileBytes}-byte limit";
                        }
                        else
                        {
                            used = ReadAll(path, ref content, used);
                        }
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        used = start;
                        time = null;
                        length = 0;
                        error = Describe(e);
                    }
                }

                if (time is { } modified)
                {
                    times.Append(modified);
                }
                else
                {
                    times.AppendNull();
                }

                lengths.Append(length);
                errors.Append(error);
                validity.Append(error is null);
                nulls += error is null ? 0 : 1;
                offsets.Append(used);
            }

            var contents = new BinaryArray(BinaryType.Default, paths.Count, offsets.Build(), new ArrowBuffer(content.AsMemory(0, used)), validity.Build(), nulls, 0);
            return use(new RecordBatch(Schema, [pathColumn.Build(), times.Build(), lengths.Build(), contents, labelColumn.Build(), errors.Build()], paths.Count));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(content);
        }
    }

    /// <summary>Bytes the listed files hold now, each up to the limit (they may still change before they are read).</summary>
    private int EstimateBytes(IReadOnlyList<string> paths)
    {
        long total = 0;
        foreach (var path in paths)
        {
            try
            {
                total += Math.Min(new FileInfo(path).Length, maxFileBytes);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Read reports it.
            }
        }

        return (int)Math.Clamp(total, 1, System.Array.MaxLength);
    }

    /// <summary>Appends the whole file at <paramref name="used"/>, growing the buffer if it grew since listed; returns the new end.</summary>
    private static int ReadAll(string path, ref byte[] buffer, int used)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        long offset = 0;
        while (true)
        {
            if (used == buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(checked(Math.Max(buffer.Length * 2, buffer.Length + 4096)));
                buffer.AsSpan(0, used).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }

            var read = RandomAccess.Read(handle, buffer.AsSpan(used), offset);
            if (read == 0)
            {
                return used;
            }

            used += read;
            offset += read;
        }
    }

    private static string Describe(Exception e) => e switch
    {
        UnauthorizedAccessException => "permission denied",
        FileNotFoundException or DirectoryNotFoundException => "file not found (removed after listing?)",
        _ => e.Message,
    };
}
