using Parquet.Schema;
using SparkImaging.Udfs.Features;

namespace SparkImaging.Pipeline.Dataset;

/// <summary>The columns of one part file that training reads, found and type-checked once per file.</summary>
internal sealed record FileColumns(DataField Path, DataField? Label, DataField? Error, DataField? Group, IReadOnlyList<DataField> Lbp)
{
    /// <summary>Finds the columns in <paramref name="schema"/>, refusing missing columns and wrong types with the file's name.</summary>
    public static FileColumns Resolve(ParquetSchema schema, FeatureSpec spec, string? groupColumn, string file)
    {
        var path = Scalar(schema, FeatureColumns.Path, file, required: true, typeof(string))!;
        var label = Scalar(schema, FeatureColumns.Label, file, required: false, typeof(string));
        var error = Scalar(schema, FeatureColumns.Error, file, required: false, typeof(string));
        var group = groupColumn is null ? null : Scalar(schema, groupColumn, file, required: true, typeof(string), typeof(int), typeof(long));
        var lbp = new List<DataField>(spec.Lbp.Count);
        foreach (var lbpSpec in spec.Lbp)
        {
            var name = FeatureColumns.LbpColumn(lbpSpec);
            var field = schema.Fields.FirstOrDefault(f => f.Name == name)
                ?? throw new FeatureTableException($"Part file '{file}' has no column '{name}', which its feature spec ({spec}) requires.");
            if (field is not ListField { Item: DataField item } || item.ClrType != typeof(float))
            {
                throw new FeatureTableException($"Part file '{file}': column '{name}' must be list<float>; it is {field}.");
            }

            lbp.Add(item);
        }

        return new FileColumns(path, label, error, group, lbp);
    }

    /// <summary>Parquet.Net 6 reports UTF-8 columns as <c>ReadOnlyMemory&lt;char&gt;</c>; older writers' as string.</summary>
    public static bool IsText(DataField field) => field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>);

    private static DataField? Scalar(ParquetSchema schema, string name, string file, bool required, params Type[] types)
    {
        var field = schema.Fields.FirstOrDefault(f => f.Name == name);
        if (field is null)
        {
            return required ? throw new FeatureTableException($"Part file '{file}' has no column '{name}'.") : null;
        }

        if (field is not DataField { IsArray: false } data || !types.Contains(IsText(data) ? typeof(string) : data.ClrType))
        {
            throw new FeatureTableException(
                $"Part file '{file}': column '{name}' must be {string.Join(" or ", types.Select(t => t.Name))}; it is {field}.");
        }

        return data;
    }
}
