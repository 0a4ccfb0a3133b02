using SparkImaging.Pipeline.Dataset;
using SparkImaging.Pipeline.Inputs;
using SparkImaging.Udfs.Archives;

namespace SparkImaging.Pipeline.Engine;

/// <summary>
/// Turns the members of one archive, as <see cref="ArchiveReader"/> streams them from disk, into binaryFile batches for
/// the workers: up to the batch size or <see cref="MaxBatchBytes"/> (at least one member) each, so memory is bounded by
/// the largest member, not by the archive. Members a resumed run already committed are passed over.
/// </summary>
internal sealed class ArchiveBatcher(string archivePath, LabelResolver labels, CommittedRows committed, int batchSize, Action<BinaryRows> send) : IArchiveMemberSink, IDisposable
{
    /// <summary>Content bytes after which a batch of members goes to the workers.</summary>
    public const int MaxBatchBytes = 16 << 20;

    private BinaryRows? current;

    /// <summary>Rows this run made for the archive.</summary>
    public long Rows { get; private set; }

    public void Image(ArchiveMember member, Stream content)
    {
        var path = ArchivePath.Of(archivePath, member.Name);
        if (committed.Contains(path))
        {
            return;
        }

        var rows = Next();
        var length = (int)member.Length;
        var error = ArchiveReader.ReadContent(content, rows.FreeSpace(length)[..length]);
        if (error is null)
        {
            rows.Advance(length);
        }

        rows.EndRow(path, labels.LabelOfMember(archivePath, member.Name), member.Modified, member.Length, error);
        Rows++;
    }

    public void Failed(ArchiveMember member, string error)
    {
        var path = ArchivePath.Of(archivePath, member.Name);
        if (!committed.Contains(path))
        {
            Next().EndRow(path, labels.LabelOfMember(archivePath, member.Name), member.Modified, member.Length, error);
            Rows++;
        }
    }

    /// <summary>The row of the archive itself (it could not be read to its end, or holds no image).</summary>
    public void ArchiveRow(string error, DateTimeOffset? modified, long length)
    {
        if (!committed.Contains(archivePath))
        {
            Next().EndRow(archivePath, labels.LabelOf(archivePath), modified, length, error);
            Rows++;
        }
    }

    /// <summary>
    /// Sends the last batch. A full batch is only sent when the next row comes, so the archive's last rows always go
    /// here, after its row count is known (the writer marks the archive complete with the part holding its last row).
    /// </summary>
    public void SendLast()
    {
        if (current is { Count: > 0 })
        {
            var last = current;
            current = null;
            send(last);
        }
    }

    public void Dispose() => current?.Dispose();

    private BinaryRows Next()
    {
        if (current is { } full && (full.Count >= batchSize || full.Bytes >= MaxBatchBytes))
        {
            current = null;
            send(full);
        }

        return current ??= new BinaryRows(1 << 20);
    }
}
