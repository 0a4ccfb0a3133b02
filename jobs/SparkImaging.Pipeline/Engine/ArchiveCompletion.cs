namespace SparkImaging.Pipeline.Engine;

/// <summary>
/// Which archives of a run have every row committed, so the part holding an archive's last row records the archive as
/// complete (<see cref="Dataset.DatasetMetadata.CompleteArchivesKey"/>): a resumed run then skips it without reading it,
/// and a shard knows when the dataset is whole. The reader tells how many rows an archive made once it has read it to
/// its end; the writer tells how many rows each part it commits holds. Thread-safe.
/// </summary>
internal sealed class ArchiveCompletion
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, long> expected = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> committed = new(StringComparer.Ordinal);
    private readonly List<string> complete = [];

    /// <summary>Archives read this run.</summary>
    public long Read { get; private set; }

    /// <summary>Members of those archives that are not images.</summary>
    public long SkippedMembers { get; private set; }

    /// <summary>Whether archives are complete that no committed part records yet.</summary>
    public bool HasUnrecorded
    {
        get
        {
            lock (gate)
            {
                return complete.Count > 0;
            }
        }
    }

    /// <summary>The reader read <paramref name="archive"/> to its end; it made <paramref name="rows"/> rows this run.</summary>
    public void Finished(string archive, long rows, long skippedMembers)
    {
        lock (gate)
        {
            Read++;
            SkippedMembers += skippedMembers;
            expected[archive] = rows;
            Check(archive);
        }
    }

    /// <summary>A part holding <paramref name="rowsByArchive"/> is about to be committed; returns the archives it completes.</summary>
    public IReadOnlyList<string> Commit(IReadOnlyDictionary<string, long> rowsByArchive)
    {
        lock (gate)
        {
            foreach (var (archive, rows) in rowsByArchive)
            {
                committed[archive] = committed.GetValueOrDefault(archive) + rows;
                Check(archive);
            }

            var done = complete.ToList();
            complete.Clear();
            return done;
        }
    }

    private void Check(string archive)
    {
        if (expected.TryGetValue(archive, out var rows) && committed.GetValueOrDefault(archive) == rows)
        {
            complete.Add(archive);
            expected.Remove(archive);
            committed.Remove(archive);
        }
    }
}
