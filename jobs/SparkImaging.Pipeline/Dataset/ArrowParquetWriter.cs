using Apache.Arrow;
using Apache.Arrow.Types;
using Parquet;
using Parquet.Schema;
using ArrowSchema = Apache.Arrow.Schema;
using Field = Parquet.Schema.Field;

namespace SparkImaging.Pipeline.Dataset;

/// <summary>
/// Writes rows held as Arrow batches (the batch function's output), or ranges of their rows, into one Parquet file with
/// one row group, through Parquet.Net. Column types: string, int32, float, and list&lt;float&gt; as the standard three-level LIST.
/// </summary>
internal static class ArrowParquetWriter
{
    /// <summary>The Parquet schema of an Arrow schema; the one place the mapping lives.</summary>
    public static ParquetSchema ToParquet(ArrowSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return new ParquetSchema(schema.FieldsList.Select(ToParquet));
    }

    /// <summary>Writes the file on the calling thread (the local engine's writer has one of its own).</summary>
    public static void Write(string path, ArrowSchema schema, IReadOnlyList<RowRange> batches, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        using var stream = new SynchronousWriteStream(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16));
        Write(stream, schema, batches, metadata, cancellationToken);
    }

    /// <summary>Writes the file into <paramref name="stream"/>, on the calling thread if its writes are synchronous.</summary>
    public static void Write(Stream stream, ArrowSchema schema, IReadOnlyList<RowRange> batches, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken) =>
        WriteAsync(stream, schema, batches, metadata, cancellationToken).GetAwaiter().GetResult();

    private static async Task WriteAsync(Stream stream, ArrowSchema schema, IReadOnlyList<RowRange> batches, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var parquetSchema = ToParquet(schema);
        var leaves = parquetSchema.GetDataFields();
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        await using var writer = await ParquetWriter.CreateAsync(parquetSchema, stream, options, append: false, cancellationToken);
        writer.CustomMetadata = metadata;
        using var rowGroup = writer.CreateRowGroup();
        for (var c = 0; c < schema.FieldsList.Count; c++)
        {
            switch (schema.FieldsList[c].DataType)
            {
                case StringType:
                    await rowGroup.WriteAsync(leaves[c], Gather(batches, c, static (a, i) => ((StringArray)a).GetString(i)), null);
                    break;
                case Int32Type:
                    await rowGroup.WriteAsync<int>(leaves[c], Gather(batches, c, static (a, i) => ((Int32Array)a).GetValue(i)), null, null, cancellationToken);
                    break;
                case FloatType:
                    await rowGroup.WriteAsync<float>(leaves[c], Gather(batches, c, static (a, i) => ((FloatArray)a).GetValue(i)), null, null, cancellationToken);
                    break;
                case ListType:
                    await WriteFloatListsAsync(rowGroup, leaves[c], batches, c, cancellationToken);
                    break;
                default:
                    throw new NotSupportedException($"Column '{schema.FieldsList[c].Name}' has type {schema.FieldsList[c].DataType.Name}, which the dataset writer does not map.");
            }
        }
    }

    private static Field ToParquet(Apache.Arrow.Field field) => field.DataType switch
    {
        StringType => new DataField(field.Name, typeof(string), isNullable: field.IsNullable),
        Int32Type => new DataField(field.Name, typeof(int), isNullable: field.IsNullable),
        FloatType => new DataField(field.Name, typeof(float), isNullable: field.IsNullable),
        ListType { ValueDataType: FloatType } => new ListField(field.Name, new DataField("element", typeof(float), isNullable: true)),
        _ => throw new NotSupportedException($"Column '{field.Name}' has type {field.DataType.Name}, which the dataset writer does not map."),
    };

    private static T[] Gather<T>(IReadOnlyList<RowRange> batches, int column, Func<IArrowArray, int, T> read)
    {
        var values = new T[batches.Sum(b => b.Count)];
        var at = 0;
        foreach (var range in batches)
        {
            var array = range.Batch.Column(column);
            for (var i = range.Start; i < range.End; i++)
            {
                values[at++] = read(array, i);
            }
        }

        return values;
    }

    /// <summary>
    /// A null list is one slot at definition level 0; an empty list one slot at the list's level; each element a
    /// slot at the leaf's full level, with repetition 0 for a list's first element and the leaf's level after it.
    /// The slots are counted first so that each of the three columns is one array of the exact size: they are
    /// megabytes for a part file, and growing lists would leave every smaller copy behind on the large-object heap.
    /// </summary>
    private static async Task WriteFloatListsAsync(ParquetRowGroupWriter rowGroup, DataField leaf, IReadOnlyList<RowRange> batches, int column, CancellationToken cancellationToken)
    {
        int valueCount = 0, slotCount = 0;
        foreach (var range in batches)
        {
            var lists = (ListArray)range.Batch.Column(column);
            for (var i = range.Start; i < range.End; i++)
            {
                var length = lists.IsNull(i) ? 0 : lists.GetValueLength(i);
                valueCount += length;
                slotCount += Math.Max(1, length);
            }
        }

        var values = new float[valueCount];
        var definitions = new int[slotCount];
        var repetitions = new int[slotCount];
        int value = 0, slot = 0;
        foreach (var range in batches)
        {
            var lists = (ListArray)range.Batch.Column(column);
            var floats = (FloatArray)lists.Values;
            for (var i = range.Start; i < range.End; i++)
            {
                if (lists.IsNull(i))
                {
                    definitions[slot] = 0;
                    repetitions[slot++] = 0;
                    continue;
                }

                var start = lists.ValueOffsets[i];
                var end = lists.ValueOffsets[i + 1];
                if (start == end)
                {
                    definitions[slot] = leaf.MaxDefinitionLevel - 2;
                    repetitions[slot++] = 0;
                    continue;
                }

                for (var j = start; j < end; j++)
                {
                    values[value++] = floats.GetValue(j) ?? float.NaN;
                    definitions[slot] = leaf.MaxDefinitionLevel;
                    repetitions[slot++] = j == start ? 0 : leaf.MaxRepetitionLevel;
                }
            }
        }

        await rowGroup.WriteAllPartsAsync<float>(leaf, values, definitions, repetitions, cancellationToken);
    }
}
