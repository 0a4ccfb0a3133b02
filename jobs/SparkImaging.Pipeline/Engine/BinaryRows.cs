using System.Buffers;
using Apache.Arrow;
using Apache.Arrow.Types;
using SparkImaging.Udfs.Features;

namespace SparkImaging.Pipeline.Engine;

/// <summary>
/// Builds a batch shaped like Spark's binaryFile source (path, modificationTime, length, content) plus label and read
/// error, with every row's bytes written straight into one pooled buffer: no array per file or member, no copy into a
/// growing Arrow buffer. Files and archive members are read into it alike. The batch lives in the pooled buffer, so
/// nothing may use it after <see cref="Dispose"/>.
/// </summary>
internal sealed class BinaryRows : IDisposable
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

    private readonly StringArray.Builder paths = new();
    private readonly TimestampArray.Builder times = new(new TimestampType(TimeUnit.Microsecond, "UTC"));
    private readonly Int64Array.Builder lengths = new();
    private readonly StringArray.Builder labels = new();
    private readonly StringArray.Builder errors = new();
    private readonly ArrowBuffer.Builder<int> offsets = new();
    private readonly ArrowBuffer.BitmapBuilder validity = new();
    private byte[] content;
    private int used;
    private int rowStart;
    private int nulls;

    /// <param name="expectedBytes">The bytes the rows will likely hold; the buffer grows past it if needed.</param>
    public BinaryRows(long expectedBytes)
    {
        content = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(expectedBytes, 1, System.Array.MaxLength));
        offsets.Append(0);
    }

    /// <summary>Rows appended.</summary>
    public int Count { get; private set; }

    /// <summary>Content bytes appended.</summary>
    public int Bytes => used;

    /// <summary>
    /// The free space after the current row's bytes so far, at least <paramref name="atLeast"/> bytes (the buffer grows
    /// if needed): write into it, then <see cref="Advance"/>.
    /// </summary>
    public Span<byte> FreeSpace(int atLeast)
    {
        if (content.Length - used < atLeast)
        {
            var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(System.Array.MaxLength, Math.Max(2L * content.Length, (long)used + atLeast)));
            if (larger.Length - used < atLeast)
            {
                throw new InsufficientMemoryException($"A batch cannot hold {used + (long)atLeast} bytes.");
            }

            content.AsSpan(0, used).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(content);
            content = larger;
        }

        return content.AsSpan(used);
    }

    /// <summary>Counts <paramref name="count"/> bytes written into <see cref="FreeSpace"/> to the current row.</summary>
    public void Advance(int count) => used += count;

    /// <summary>
    /// Ends the current row: its content is the bytes advanced over since the previous row, or null when
    /// <paramref name="error"/> is set (the row's error, e.g. <c>unreadable: permission denied</c>).
    /// </summary>
    public void EndRow(string path, string? label, DateTimeOffset? modified, long length, string? error)
    {
        if (error is not null)
        {
            used = rowStart;
        }

        paths.Append(path);
        labels.Append(label);
        if (modified is { } time)
        {
            times.Append(time);
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
        rowStart = used;
        Count++;
    }

    /// <summary>The rows as a batch, valid until <see cref="Dispose"/>.</summary>
    public RecordBatch Build()
    {
        var contents = new BinaryArray(BinaryType.Default, Count, offsets.Build(), new ArrowBuffer(content.AsMemory(0, used)), validity.Build(), nulls, 0);
        return new RecordBatch(Schema, [paths.Build(), times.Build(), lengths.Build(), contents, labels.Build(), errors.Build()], Count);
    }

    public void Dispose()
    {
        if (content.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(content);
            content = [];
        }
    }
}
