using System.Text;

namespace SparkImaging.Jobs.Inputs;

/// <summary>Labels: the parent directory's name (the ImageFolder convention) or a <c>path,label</c> CSV.</summary>
internal sealed class LabelResolver
{
    private readonly Dictionary<string, string>? table;

    private LabelResolver(Dictionary<string, string>? table) => this.table = table;

    /// <summary>Label = name of the directory holding the file.</summary>
    public static LabelResolver ParentDirectory { get; } = new(null);

    /// <summary>Reads a CSV with a <c>path,label</c> header; relative paths are relative to the CSV's directory.</summary>
    public static LabelResolver FromCsv(string csvPath)
    {
        if (!File.Exists(csvPath))
        {
            throw new Cli.UsageException($"Labels file '{csvPath}' does not exist.");
        }

        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(csvPath))!;
        var table = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = new StreamReader(csvPath, Encoding.UTF8);
        var header = ParseLine(reader.ReadLine() ?? string.Empty);
        var pathColumn = header.FindIndex(h => h.Trim().Equals("path", StringComparison.OrdinalIgnoreCase));
        var labelColumn = header.FindIndex(h => h.Trim().Equals("label", StringComparison.OrdinalIgnoreCase));
        if (pathColumn < 0 || labelColumn < 0)
        {
            throw new Cli.UsageException($"Labels file '{csvPath}' needs a header with 'path' and 'label' columns.");
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
                throw new Cli.UsageException($"Labels file '{csvPath}' line {lineNumber} has {fields.Count} fields; expected at least {Math.Max(pathColumn, labelColumn) + 1}.");
            }

            var path = Path.GetFullPath(fields[pathColumn], baseDirectory);
            table[path] = fields[labelColumn];
        }

        return new LabelResolver(table);
    }

    /// <summary>The label of an absolute input path, or null when the CSV does not list it.</summary>
    public string? LabelOf(string path)
    {
        if (table is not null)
        {
            return table.GetValueOrDefault(path);
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
