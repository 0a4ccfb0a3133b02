using System.IO.Enumeration;
using SparkImaging.Udfs.Features;

namespace SparkImaging.Pipeline.Inputs;

/// <summary>
/// Expands <c>--input</c> values (files, directories walked recursively, glob patterns) into absolute file paths,
/// lazily, in a stable sorted order, each path once. Directory walks follow symbolic links but never enter a
/// directory twice, so link loops end; hidden entries are skipped and only the names a rule takes (images and archives,
/// <see cref="InputNames.IsTaken"/>) are taken; files named explicitly are always taken.
/// </summary>
internal sealed class InputResolver
{
    private readonly IReadOnlyList<string> inputs;
    private readonly Func<string, bool>? takes;
    private readonly string[] excluded;

    /// <param name="inputs">The <c>--input</c> values.</param>
    /// <param name="takes">Which file names walks and globs take, or null for every file.</param>
    /// <param name="excluded">
    /// Folders never taken from, however an input names them: the run's own output, so that an output inside an input
    /// folder never feeds the run its part files, markers, locks or plots.
    /// </param>
    public InputResolver(IReadOnlyList<string> inputs, Func<string, bool>? takes, IReadOnlyList<string>? excluded = null)
    {
        this.excluded = (excluded ?? []).Select(folder => Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder))).ToArray();
        if (inputs.Count == 0)
        {
            throw new PipelineException(PipelineErrorKind.NoInput, "No --input given: name image files, directories or glob patterns.");
        }

        foreach (var input in inputs)
        {
            if (!GlobPattern.IsGlob(input) && !File.Exists(input) && !Directory.Exists(input))
            {
                throw new PipelineException(PipelineErrorKind.InvalidRequest, $"Input '{input}' does not exist.");
            }
        }

        this.inputs = inputs;
        this.takes = takes;
    }

    /// <summary>Every input file, absolute, once.</summary>
    /// <remarks>
    /// One input never yields a path twice (a walk enters each directory once and takes each entry once), so only
    /// paths that an earlier input gave need removing: the keys of all inputs but the last are kept, sorted, 16 bytes
    /// a path. A single input keeps nothing per path, so memory does not grow with the number of files.
    /// </remarks>
    public IEnumerable<string> Enumerate()
    {
        var earlier = PathKeySet.Empty;
        for (var i = 0; i < inputs.Count; i++)
        {
            var keys = i < inputs.Count - 1 ? new List<PathKey>() : null;
            foreach (var path in Expand(inputs[i]))
            {
                if (excluded.Length > 0 && IsExcluded(path))
                {
                    continue;
                }

                if (keys is null && earlier.Count == 0)
                {
                    yield return path;
                    continue;
                }

                var key = PathKey.Of(path);
                if (!earlier.Contains(key))
                {
                    keys?.Add(key);
                    yield return path;
                }
            }

            if (keys is not null)
            {
                earlier = earlier.With(keys);
            }
        }
    }

    private bool IsExcluded(string path)
    {
        foreach (var folder in excluded)
        {
            if (path.StartsWith(folder, StringComparison.Ordinal) && (path.Length == folder.Length || path[folder.Length] == Path.DirectorySeparatorChar))
            {
                return true;
            }
        }

        return false;
    }

    private IEnumerable<string> Expand(string input)
    {
        if (GlobPattern.IsGlob(input))
        {
            var glob = GlobPattern.Parse(input);
            if (!Directory.Exists(glob.BaseDirectory))
            {
                yield break;
            }

            foreach (var file in Walk(glob.BaseDirectory, glob.IsRecursive))
            {
                if (glob.Matches(Path.GetRelativePath(glob.BaseDirectory, file).Replace(Path.DirectorySeparatorChar, '/')))
                {
                    yield return file;
                }
            }

            yield break;
        }

        if (File.Exists(input))
        {
            yield return Path.GetFullPath(input);
            yield break;
        }

        foreach (var file in Walk(Path.GetFullPath(input), recursive: true))
        {
            yield return file;
        }
    }

    private IEnumerable<string> Walk(string root, bool recursive)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            if (!visited.Add(RealPath(directory)))
            {
                continue;
            }

            List<(string Path, bool IsDirectory)> entries;
            try
            {
                entries = List(directory);
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                // An unreadable directory has no files to account for; its siblings go on.
                continue;
            }

            entries.Sort(static (a, b) => string.CompareOrdinal(a.Path, b.Path));
            var subdirectories = new List<string>();
            string? previous = null;
            foreach (var (entry, isDirectory) in entries)
            {
                // Sorted, so a name listed twice (a directory changing while it is read) is next to itself.
                var repeated = entry == previous;
                previous = entry;
                var name = Path.GetFileName(entry);
                if (repeated || name.StartsWith('.'))
                {
                    continue;
                }

                if (isDirectory)
                {
                    if (!IsExcluded(entry))
                    {
                        subdirectories.Add(entry);
                    }
                }
                else if (takes is null || takes(name))
                {
                    yield return entry;
                }
            }

            if (recursive)
            {
                for (var i = subdirectories.Count - 1; i >= 0; i--)
                {
                    pending.Push(subdirectories[i]);
                }
            }
        }
    }

    /// <summary>
    /// A directory's entries and whether each is a directory (following links, as <see cref="Directory.Exists"/>),
    /// from the listing's own entry types, with a stat only for links: a stat per entry made listing 2,000 files take
    /// ~8.5 ms instead of ~2.8 ms, in every pass over the inputs (a run makes two before its workers start).
    /// </summary>
    private static List<(string Path, bool IsDirectory)> List(string directory)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = 0, IgnoreInaccessible = false, ReturnSpecialDirectories = false };
        return new FileSystemEnumerable<(string, bool)>(directory, static (ref FileSystemEntry entry) => (entry.ToFullPath(), entry.IsDirectory), options).ToList();
    }

    private static string RealPath(string directory)
    {
        try
        {
            var target = Directory.ResolveLinkTarget(directory, returnFinalTarget: true);
            return target?.FullName ?? Path.GetFullPath(directory);
        }
        catch (IOException)
        {
            return Path.GetFullPath(directory);
        }
    }
}
