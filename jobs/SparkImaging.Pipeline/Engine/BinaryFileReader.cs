using Apache.Arrow;
using SparkImaging.Pipeline.Inputs;
using SparkImaging.Udfs.Imaging;

namespace SparkImaging.Pipeline.Engine;

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

    /// <summary>
    /// Bytes per file of the last batch read (0 before the first), shared by the workers: sizing a batch's buffer by
    /// asking the system for each file's length was one more path lookup per file, a visible share of a run over
    /// many small files.
    /// </summary>
    private long bytesPerFile;

    /// <summary>The least free space a read asks for.</summary>
    private const int ReadBlock = 4096;

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
        using var rows = new BinaryRows(EstimateBytes(paths));
        foreach (var path in paths)
        {
            var label = labels.LabelOf(path);
            DateTimeOffset? time = null;
            long length = 0;
            beforeRead?.Invoke(path);

            // Asked before opening: a FIFO would block the open, a device would never end.
            var facts = FileKind.Inspect(path);
            var error = facts.WhyNotRegular;
            if (error is null)
            {
                try
                {
                    (length, time) = facts is { Length: { } known, LastWriteTime: { } modified } ? (known, modified) : LengthAndTime(path);
                    if (length > maxFileBytes)
                    {
                        error = $"file of {length} bytes is over the {maxFileBytes}-byte limit";
                    }
                    else
                    {
                        ReadAll(path, rows);
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    time = null;
                    length = 0;
                    error = Describe(e);
                }
            }

            rows.EndRow(path, label, time, length, error is null ? null : $"{ImageDecodeException.Name(DecodeFailure.Unreadable)}: {error}");
        }

        // A batch that read nothing (all unreadable) says nothing about the next one's size.
        if (rows.Bytes > 0)
        {
            Volatile.Write(ref bytesPerFile, (rows.Bytes + rows.Count - 1L) / rows.Count);
        }

        return use(rows.Build());
    }

    private static (long Length, DateTimeOffset Time) LengthAndTime(string path)
    {
        var info = new FileInfo(path);
        return (info.Length, new DateTimeOffset(info.LastWriteTimeUtc));
    }

    /// <summary>
    /// The bytes a batch will likely hold: after the first batch, the bytes per file read so far (a batch of larger
    /// files grows the buffer as it goes); for the first, what the listed files hold now, each up to the limit.
    /// </summary>
    private int EstimateBytes(IReadOnlyList<string> paths)
    {
        var perFile = Volatile.Read(ref bytesPerFile);
        if (perFile > 0)
        {
            // The read of each file asks for a block of free space beyond its end.
            return (int)Math.Clamp((perFile * paths.Count) + ReadBlock, 1, System.Array.MaxLength);
        }

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

    /// <summary>Appends the whole file to the current row, however much it grew since it was listed.</summary>
    private static void ReadAll(string path, BinaryRows rows)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        long offset = 0;
        while (true)
        {
            var read = RandomAccess.Read(handle, rows.FreeSpace(ReadBlock), offset);
            if (read == 0)
            {
                return;
            }

            rows.Advance(read);
            offset += read;
        }
    }

    /// <summary>Why a file could not be read, in a few words.</summary>
    internal static string Describe(Exception e) => e switch
    {
        UnauthorizedAccessException => "permission denied",
        FileNotFoundException or DirectoryNotFoundException => "file not found (removed after listing?)",
        _ => e.Message,
    };
}
