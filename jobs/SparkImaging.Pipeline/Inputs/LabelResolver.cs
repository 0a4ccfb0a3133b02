using System.Text;

namespace SparkImaging.Pipeline.Inputs;

/// <summary>
/// Labels: the parent directory's name (the ImageFolder convention) or a <c>path,label</c> CSV. Further CSV columns
/// (e.g. <c>patient</c>, for <c>train --group-column</c>) are carried into the dataset as string columns.
/// </summary>
internal sealed class LabelResolver
{
    private readonly Dictionary<string, string[]>? table;

    private LabelResolver(Dictionary<string, string[]>? table, IReadOnlyList<string> extraColumns)
    {
        this.table = table;
        ExtraColumns = extraColumns;
    }

    /// <summary>Label = name of the directory holding the file.</summary>
    public static LabelResolver ParentDirectory { get; } = new(null, []);

    /// <summary>CSV columns besides path and label, in file order.</summary>
    public IReadOnlyList<string> ExtraColumns { get; }

    /// <summary>Reads a CSV with a <c>path,label</c> header; relative paths are relative to the CSV's directory.</summary>
    public static LabelResolver FromCsv(string csvPath)
    {
        if (!File.Exists(csvPath))
        {
            throw new PipelineException(PipelineErrorKind.InvalidRequest, $"Labels file '{csvPath}' does not exist.");
        }

        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(csvPath))!;
        var table = new Dictionary<string, string[]>(StringComparer.Ordinal);
        using var reader = new StreamReader(csvPath, Encoding.UTF8);
        var header = ParseLine(reader.ReadLine() ?? string.Empty);
        var pathColumn = header.FindIndex(h => h.Trim().Equals("path", StringComparison.OrdinalIgnoreCase));
        var labelColumn = header.FindIndex(h => h.Trim().Equals("label", StringComparison.OrdinalIgnoreCase));
        if (pathColumn < 0 || labelColumn < 0)
        {
            throw new PipelineException(PipelineErrorKind.InvalidRequest, $"Labels file '{csvPath}' needs a header with 'path' and 'label' columns.");
        }

        var extraIndexes = Enumerable.Range(0, header.Count).Where(i => i != pathColumn && i != labelColumn).ToArray();
        var extraColumns = extraIndexes.Select(i => header[i].Trim()).ToArray();
        var invalid = extraColumns.FirstOrDefault(name => name.Length == 0 || Engine.CsvColumns.IsReserved(name));
        if (invalid is not null)
        {
            throw new PipelineException(PipelineErrorKind.InvalidRequest, $"Labels file '{csvPath}': column '{invalid}' is empty or clashes with a column sparkimaging writes.");
        }

        if (extraColumns.Distinct(StringComparer.Ordinal).Count() != extraColumns.Length)
        {
            throw new PipelineException(PipelineErrorKind.InvalidRequest, $"Labels file '{csvPath}' repeats a column name.");
        }

        var lineNumber = 1;
        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = ParseLine(line);
            if (fields.Count <= Math.Max(pathColumn, labelColumn))
            {
                throw new PipelineException(PipelineErrorKind.InvalidRequest, $"Labels file '{csvPath}' line {lineNumber} has {fields.Count} fields; expected at least {Math.Max(pathColumn, labelColumn) + 1}.");
            }

            var path = Path.GetFullPath(fields[pathColumn], baseDirectory);
            table[path] = [fields[labelColumn], .. extraIndexes.Select(i => i < fields.Count ? fields[i] : string.Empty)];
        }

        return new LabelResolver(table, extraColumns);
    }

    /// <summary>Value of extra column <paramref name="column"/> for a path, or null when the CSV does not list it.</summary>
    public string? ExtraValueOf(string path, int column) =>
        table is not null && table.TryGetValue(path, out var values) ? values[column + 1] : null;

    /// <summary>The label of an absolute input path, or null when the CSV does not list it.</summary>
    public string? LabelOf(string path)
    {
        if (table is not null)
        {
            return table.TryGetValue(path, out var values) ? values[0] : null;
        }

        var parent = Path.GetFileName(Path.GetDirectoryName(path));
        return string.IsNullOrEmpty(parent) ? null : parent;
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
