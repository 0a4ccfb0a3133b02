using System.Globalization;
using SparkImaging.Pipeline.Inputs;

namespace SparkImaging.Pipeline.Dataset;

/// <summary>
/// The on-disk layout and commit protocol of a dataset, in the manner of Spark's FileOutputCommitter v1:
/// part files are written under <c>_temporary/</c> and renamed into place only when complete (an atomic rename
/// on one file system), and <c>_SUCCESS</c> is written last. Readers list only <c>part-*.parquet</c>.
/// </summary>
internal sealed class DatasetDirectory
{
    public const string SuccessFileName = "_SUCCESS";
    public const string PartPrefix = "part-";
    public const string PartExtension = ".parquet";
    private const string TemporaryDirectoryName = "_temporary";
    private const string LockDirectoryName = "_locks";

    /// <summary>The fingerprint of the input set the dataset's latest run was asked to cover (<see cref="InputSet"/>).</summary>
    private const string InputSetFileName = "_INPUTS";

    public DatasetDirectory(string root)
    {
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    public string SuccessPath => Path.Combine(Root, SuccessFileName);

    public bool IsComplete => File.Exists(SuccessPath);

    /// <summary>Committed part files, sorted by name.</summary>
    public IReadOnlyList<string> CommittedParts()
    {
        if (!Directory.Exists(Root))
        {
            return [];
        }

        var parts = Directory.GetFiles(Root, PartPrefix + "*" + PartExtension);
        Array.Sort(parts, StringComparer.Ordinal);
        return parts;
    }

    /// <summary>
    /// Takes the exclusive lock of a shard for this process's lifetime (released by the OS if it dies), so two runs
    /// never write the same shard at once; a second run gets a clear refusal.
    /// </summary>
    public FileStream LockShard(Shard shard)
    {
        var directory = Path.Combine(Root, LockDirectoryName);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"shard-{shard.Index}-of-{shard.Count}.lock"));
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new PipelineException(PipelineErrorKind.InvalidRequest, $"Another run is already writing shard {shard} of '{Root}'; wait for it to finish or stop it first.", e);
        }
    }

    /// <summary>Deletes temporary files a crashed run of this shard left behind (we hold the shard's lock, so none is live).</summary>
    public void RemoveStaleTemporaries(Shard shard)
    {
        var temporary = Path.Combine(Root, TemporaryDirectoryName);
        if (!Directory.Exists(temporary))
        {
            return;
        }

        foreach (var directory in Directory.GetDirectories(temporary, ShardTag(shard) + "-*"))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A fresh directory for one run's files in progress.</summary>
    public string CreateRunTemporaryDirectory(Shard shard, string runId)
    {
        var path = Path.Combine(Root, TemporaryDirectoryName, ShardTag(shard) + "-" + runId);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Removes a finished run's directory, and <c>_temporary</c> itself once no run uses it.</summary>
    public void RemoveRunTemporaryDirectory(string runDirectory)
    {
        Directory.Delete(runDirectory, recursive: true);
        var temporary = Path.Combine(Root, TemporaryDirectoryName);
        if (Directory.Exists(temporary) && !Directory.EnumerateFileSystemEntries(temporary).Any())
        {
            try
            {
                Directory.Delete(temporary);
            }
            catch (IOException)
            {
                // Another shard's run created its directory meanwhile; it stays.
            }
        }
    }

    /// <summary>The final name of a part: <c>part-NNNNN-&lt;shard&gt;-&lt;run&gt;.parquet</c>.</summary>
    public string PartPath(Shard shard, string runId, int sequence) =>
        Path.Combine(Root, string.Create(CultureInfo.InvariantCulture, $"{PartPrefix}{sequence:D5}-{ShardTag(shard)}-{runId}{PartExtension}"));

    /// <summary>Moves a complete temporary file into place: from here on readers see it, whole.</summary>
    public static void Commit(string temporaryPath, string finalPath)
    {
        // Flush file contents to disk before the rename makes them visible, so a power loss cannot expose a torn part.
        using (var stream = new FileStream(temporaryPath, FileMode.Open, FileAccess.ReadWrite))
        {
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporaryPath, finalPath, overwrite: false);
    }

    public void WriteSuccess(string content) => WriteMarker(SuccessPath, content);

    /// <summary>The input set recorded by the latest run, or null (none yet, or a dataset from before it was recorded).</summary>
    public InputSet? ReadInputSet()
    {
        var path = Path.Combine(Root, InputSetFileName);
        return File.Exists(path) ? InputSet.Parse(File.ReadAllText(path)) : null;
    }

    public void WriteInputSet(InputSet inputs) => WriteMarker(Path.Combine(Root, InputSetFileName), inputs.ToString());

    private static void WriteMarker(string path, string content)
    {
        var temporary = path + ".tmp-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        File.WriteAllText(temporary, content);
        File.Move(temporary, path, overwrite: true);
    }

    public void RemoveSuccess()
    {
        if (File.Exists(SuccessPath))
        {
            File.Delete(SuccessPath);
        }
    }

    /// <summary>Removes this program's files only (parts, markers, temporaries, locks); anything else in the directory is kept.</summary>
    public void RemoveDataset()
    {
        foreach (var part in CommittedParts())
        {
            File.Delete(part);
        }

        RemoveSuccess();
        File.Delete(Path.Combine(Root, InputSetFileName));
        var temporary = Path.Combine(Root, TemporaryDirectoryName);
        if (Directory.Exists(temporary))
        {
            Directory.Delete(temporary, recursive: true);
        }
    }

    private static string ShardTag(Shard shard) => string.Create(CultureInfo.InvariantCulture, $"s{shard.Index}of{shard.Count}");
}
