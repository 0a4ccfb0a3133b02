using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;

namespace SparkImaging.WorkerHost;

/// <summary>
/// The worker's Arrow grouped-map loop for Spark 3.x: one input stream with one record batch per group, the UDF
/// called once per batch, each result's columns wrapped in a single non-null struct column named "Struct", and one
/// output stream in the non-legacy IPC format.
/// </summary>
internal static class GroupedMapExecutor
{
    private const string StructColumn = "Struct";

    public static ExecutorStat Execute(Func<RecordBatch, RecordBatch> udf, string inputPath, string outputPath)
    {
        using var input = File.OpenRead(inputPath);
        using var output = File.Create(outputPath);
        using var reader = new ArrowStreamReader(input, leaveOpen: true);
        ArrowStreamWriter? writer = null;
        var stat = new ExecutorStat();
        try
        {
            for (var batch = reader.ReadNextRecordBatch(); batch is not null; batch = reader.ReadNextRecordBatch())
            {
                var wrapped = WrapColumnsInStruct(udf(batch));
                writer ??= new ArrowStreamWriter(output, wrapped.Schema, leaveOpen: true, new IpcOptions { WriteLegacyIpcFormat = false });
                writer.WriteRecordBatch(wrapped);
                stat.Batches++;
                stat.Rows += wrapped.Length;
            }

            // The worker answers an empty stream with one empty batch of the input schema; nothing here sends one.
            _ = writer ?? throw new InvalidDataException($"{inputPath} holds no record batch.");
            writer.WriteEnd();
        }
        finally
        {
            writer?.Dispose();
        }

        return stat;
    }

    private static RecordBatch WrapColumnsInStruct(RecordBatch batch)
    {
        var structType = new StructType(batch.Schema.FieldsList.ToList());
        var structArray = new StructArray(structType, batch.Length, batch.Arrays.Cast<Apache.Arrow.Array>(), ArrowBuffer.Empty);
        var schema = new Schema.Builder().Field(new Field(StructColumn, structType, nullable: false)).Build();
        return new RecordBatch(schema, [structArray], batch.Length);
    }
}
