using Parquet;
using Parquet.Schema;

namespace SparkImaging.Pipeline.Dataset;

/// <summary>Rebuilds the rows of a <c>list&lt;float&gt;</c> column from its Dremel repetition and definition levels.</summary>
internal static class ListColumnReader
{
    /// <summary>
    /// One array per row; null for a null or empty list (both mean "no histogram").
    /// A null element inside a list is refused: a histogram bin is never null.
    /// </summary>
    public static async Task<float[]?[]> ReadAsync(ParquetRowGroupReader rowGroup, DataField item, int rowCount, string file, CancellationToken cancellationToken)
    {
        // The chunk's value count includes nulls and empty lists: one level pair each.
        var levelCount = checked((int)(rowGroup.GetMetadata(item)?.MetaData?.NumValues
            ?? throw new FeatureTableException($"Part file '{file}': column '{item.Path}' has no column chunk metadata.")));
        var values = new float[levelCount];
        var definitions = new int[levelCount];
        var repetitions = new int[levelCount];
        await rowGroup.ReadRawAsync(item, values.AsMemory(), definitions.AsMemory(), repetitions.AsMemory(), cancellationToken);
        var maxDefinition = item.MaxDefinitionLevel;
        var rows = new float[]?[rowCount];
        var row = -1;
        var valueIndex = 0;
        var current = new List<float>();
        var sawNullElement = false;
        for (var i = 0; i < definitions.Length; i++)
        {
            if (repetitions[i] == 0)
            {
                Finish(rows, row, current, sawNullElement, item, file);
                row++;
                current.Clear();
                sawNullElement = false;
                if (row >= rowCount)
                {
                    throw new FeatureTableException($"Part file '{file}': column '{item.Path}' has more lists than the row group has rows.");
                }
            }

            if (definitions[i] == maxDefinition)
            {
                current.Add(values[valueIndex++]);
            }
            else if (repetitions[i] != 0)
            {
                // Only the first level of a row may stand for a null or empty list; a later one is a null element.
                sawNullElement = true;
            }
        }

        Finish(rows, row, current, sawNullElement, item, file);
        if (row != rowCount - 1)
        {
            throw new FeatureTableException($"Part file '{file}': column '{item.Path}' has {row + 1} lists for {rowCount} rows.");
        }

        return rows;
    }

    private static void Finish(float[]?[] rows, int row, List<float> current, bool sawNullElement, DataField item, string file)
    {
        if (row < 0)
        {
            return;
        }

        if (sawNullElement)
        {
            throw new FeatureTableException($"Part file '{file}': column '{item.Path}' has a null element in row {row}.");
        }

        rows[row] = current.Count == 0 ? null : [.. current];
    }
}
