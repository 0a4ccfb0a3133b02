using SparkImaging.Udfs.Archives;
using System.Text;
using SparkImaging.Udfs.Features;

namespace SparkImaging.Pipeline.Inputs;

/// <summary>
/// Labels: the parent directory's name (the ImageFolder convention) or a <c>path,label</c> CSV. Further CSV columns
/// (e.g. <c>patient</c>, for <c>train --group-column</c>) are carried into the dataset as string columns.
/// </summary>
internal sealed class LabelResolver
{
    private readonly Dictionary<string, string[]>? table;

    /// <summary>Relative rows resolved against the working directory instead of the CSV's folder → their key in <see cref="table"/>.</summary>
    private readonly Dictionary<string, string> workingDirectoryKeys;

    private LabelResolver(Dictionary<string, string[]>? table, Dictionary<string, string> workingDirectoryKeys, IReadOnlyList<string> extraColumns)
    {
        this.table = table;
        this.workingDirectoryKeys = workingDirectoryKeys;
        ExtraColumns = extraColumns;
    }

    /// <summary>Label = name of the directory holding the file.</summary>
    public static LabelResolver ParentDirectory { get; } = new(null, [], []);

    /// <summary>Whether labels come from a CSV (whose coverage of the inputs is then checked).</summary>
    public bool IsCsv => table is not null;

    /// <summary>How many rows (distinct paths) the CSV lists.</summary>
    public int RowCount => table?.Count ?? 0;

    /// <summary>CSV columns besides path and label, in file order.</summary>
    public IReadOnlyList<string> ExtraColumns { get; }

    /// <summary>Every path the CSV lists with its label then its extra values, in first-listed order (empty for parent-directory labels).</summary>
    public IEnumerable<KeyValuePair<string, string[]>> Entries => table ?? [];

    /// <summary>
    /// Reads a local CSV with a <c>path,label</c> header. A relative path is relative to the CSV's folder; a row that
    /// names no file there may name one relative to the working directory (<see cref="LabelCoverage"/> refuses a row
    /// that names an input both ways).
    /// </summary>
    public static LabelResolver FromCsv(string csvPath)
    {
        ArgumentNullException.ThrowIfNull(csvPath);
        if (!File.Exists(csvPath))
        {
            throw new PipelineException(PipelineErrorKind.InvalidRequest, $"Labels file '{csvPath}' does not exist.");
        }

        return Parse(File.ReadLines(csvPath, Encoding.UTF8), csvPath, Path.GetDirectoryName(Path.GetFullPath(csvPath))!, Directory.GetCurrentDirectory());
    }

    /// <summary>
    /// Parses the lines of a labels CSV, wherever it was read from (the Spark driver reads it through Spark).
    /// Listed paths take the form of <see cref="ListedPath"/>. A path listed twice with different values is an error.
    /// </summary>
    /// <param name="lines">The file's lines, header first.</param>
    /// <param name="csvName">The file's name or URI, for messages.</param>
    /// <param name="baseLocation">The folder (path or URI) relative paths are resolved against: the CSV's own.</param>
    /// <param name="workingDirectory">A local folder relative paths may also name inputs in, or null for none.</param>
    public static LabelResolver Parse(IEnumerable<string> lines, string csvName, string baseLocation, string? workingDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(lines);
        using var reader = lines.GetEnumerator();
        var header = ParseLine(reader.MoveNext() ? reader.Current : string.Empty);
        var pathColumn = header.FindIndex(h => h.Trim().Equals("path", StringComparison.OrdinalIgnoreCase));
        var labelColumn = header.FindIndex(h => h.Trim().Equals("label", StringComparison.OrdinalIgnoreCase));
        if (pathColumn < 0 || labelColumn < 0)
        {
            throw new PipelineException(PipelineErrorKind.InvalidRequest, $"Labels file '{csvName}' needs a header with 'path' and 'label' columns.");
        }

        var extraIndexes = Enumerable.Range(0, header.Count).Where(i => i != pathColumn && i != labelColumn).ToArray();
        var extraColumns = extraIndexes.Select(i => header[i].Trim()).ToArray();
        var invalid = extraColumns.FirstOrDefault(name => name.Length == 0 || Engine.CsvColumns.IsReserved(name));
        if (invalid is not null)
        {
            throw new PipelineException(PipelineErrorKind.InvalidRequest, $"Labels file '{csvName}': column '{invalid}' is empty or clashes with a column sparkimaging writes.");
        }

        if (extraColumns.Distinct(StringComparer.Ordinal).Count() != extraColumns.Length)
        {
            throw new PipelineException(PipelineErrorKind.InvalidRequest, $"Labels file '{csvName}' repeats a column name.");
        }

        var table = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var workingDirectoryKeys = new Dictionary<string, string>(StringComparer.Ordinal);
        var conflicts = new List<string>();
        var lineNumber = 1;
        while (reader.MoveNext())
        {
            var line = reader.Current;
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = ParseLine(line);
            if (fields.Count <= Math.Max(pathColumn, labelColumn))
            {
                throw new PipelineException(PipelineErrorKind.InvalidRequest, $"Labels file '{csvName}' line {lineNumber} has {fields.Count} fields; expected at least {Math.Max(pathColumn, labelColumn) + 1}.");
            }

            var path = ListedPath(fields[pathColumn], baseLocation);
            string[] values = [fields[labelColumn], .. extraIndexes.Select(i => i < fields.Count ? fields[i] : string.Empty)];
            if (!table.TryAdd(path, values) && !table[path].AsSpan().SequenceEqual(values))
            {
                conflicts.Add(path);
            }

            if (workingDirectory is not null && IsRelative(fields[pathColumn]))
            {
                var fromWorkingDirectory = ListedPath(fields[pathColumn], workingDirectory);
                if (fromWorkingDirectory != path)
                {
                    workingDirectoryKeys.TryAdd(fromWorkingDirectory, path);
                }
            }
        }

        if (conflicts.Count > 0)
        {
            throw new PipelineException(
                PipelineErrorKind.InvalidRequest,
                $"Labels file '{csvName}' lists {conflicts.Count} path(s) twice with different values, e.g. {string.Join(", ", conflicts.Take(3).Select(c => $"'{c}'"))}; keep one row per path.");
        }

        return new LabelResolver(table, workingDirectoryKeys, extraColumns);
    }

    /// <summary>
    /// The input path a CSV cell names: a <c>file:</c> URI becomes its plain path (as inputs are written); another URI
    /// stays as it is; an absolute path is normalized; a relative path is resolved against <paramref name="baseLocation"/>.
    /// </summary>
    public static string ListedPath(string listed, string baseLocation)
    {
        ArgumentNullException.ThrowIfNull(listed);
        ArgumentNullException.ThrowIfNull(baseLocation);
        var path = InputPath.Normalize(listed.Trim());
        if (StorageUri.Scheme(path) is not null)
        {
            return path;
        }

        if (Path.IsPathRooted(path))
        {
            return Path.GetFullPath(path);
        }

        var folder = InputPath.Normalize(baseLocation);
        return StorageUri.Scheme(folder) is null ? Path.GetFullPath(path, folder) : StorageUri.Child(folder, path);
    }

    /// <summary>Value of extra column <paramref name="column"/> for a path, or null when the CSV does not list it.</summary>
    public string? ExtraValueOf(string path, int column) =>
        RowOf(path, out _) is { } key ? table![key][column + 1] : null;

    /// <summary>The label of an absolute input path, or null when the CSV does not list it.</summary>
    public string? LabelOf(string path)
    {
        if (table is not null)
        {
            return RowOf(path, out _) is { } key ? table[key][0] : null;
        }

        var parent = Path.GetFileName(Path.GetDirectoryName(path));
        return string.IsNullOrEmpty(parent) ? null : parent;
    }

    /// <summary>
    /// The label of an archive member: the CSV's row for its path (<c>archive!/member</c>), or by folder the member's
    /// parent directory inside the archive, else the archive's own (<see cref="ArchivePath.MemberLabel"/>).
    /// </summary>
    public string? LabelOfMember(string archivePath, string memberName) =>
        table is not null ? LabelOf(ArchivePath.Of(archivePath, memberName)) : ArchivePath.MemberLabel(memberName, LabelOf(archivePath));

    /// <summary>
    /// The key of the CSV row an input takes its values from, or null: the path as listed (relative to the CSV's
    /// folder), else a relative row that names it from the working directory.
    /// </summary>
    internal string? RowOf(string path, out bool fromWorkingDirectory)
    {
        fromWorkingDirectory = false;
        if (table is null)
        {
            return null;
        }

        if (table.ContainsKey(path))
        {
            return path;
        }

        fromWorkingDirectory = workingDirectoryKeys.TryGetValue(path, out var key);
        return key;
    }

    /// <summary>Every key the CSV lists, in file order.</summary>
    internal IEnumerable<string> Keys => table?.Keys ?? Enumerable.Empty<string>();

    private static bool IsRelative(string listed)
    {
        var path = InputPath.Normalize(listed.Trim());
        return StorageUri.Scheme(path) is null && !Path.IsPathRooted(path);
    }

    /// <summary>One RFC 4180 line: commas, double quotes, doubled quotes inside quotes.</summary>
    private static List<string> ParseLine(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(ch);
            }
        }

        fields.Add(field.ToString().TrimEnd('\r'));
        return fields;
    }
}
