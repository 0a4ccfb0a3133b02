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

        return use(rows.Build());
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

    /// <summary>Appends the whole file to the current row, however much it grew since it was listed.</summary>
    private static void ReadAll(string path, BinaryRows rows)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.SequentialScan);
        long offset = 0;
        while (true)
        {
            var read = RandomAccess.Read(handle, rows.FreeSpace(4096), offset);
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
