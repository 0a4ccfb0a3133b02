using Apache.Arrow;
using SparkImaging.Pipeline.Dataset;
using SparkImaging.Pipeline.Inputs;
using SparkImaging.Udfs.Features;

namespace SparkImaging.Pipeline.Engine;

/// <summary>
/// Runs the per-batch path once on a small bundled image, on a thread of its own while the run reads its dataset
/// state and lists its inputs, and writes the row as Parquet into memory. The first real batch otherwise
/// pays, on the critical path, for what happens once per process: compiling the SIMD kernels for this CPU
/// (ReadyToRun code targets a baseline CPU), loading the codec and the Parquet writer. That was about 0.1 s of serial
/// start-up in every run and every batch-scheduler shard, with the second core idle. The image is a PNG or a JPEG
/// like the first input (both when its extension says neither): loading SkiaSharp for JPEG alone costs ~40 ms of
/// CPU, which a run of PNGs would pay for nothing while its workers need both cores.
/// </summary>
internal static class Warmup
{
    /// <summary>Side of the bundled images (RGB, 8-bit): wide enough for every kernel's vector path.</summary>
    internal const int Side = 96;

    internal const string Png = "warmup.png";
    internal const string Jpeg = "warmup.jpg";

    /// <summary>
    /// Starts the warm-up, which looks up the first input itself so that the run's thread does not wait for that
    /// listing; the task ends with its rows (one batch per image) or the exception that stopped it.
    /// </summary>
    public static Task<RecordBatch[]> Start(ImageFeaturizer featurizer, RowTransform output, InputResolver inputs) =>
        Task.Factory.StartNew(() => Run(featurizer, output, ImagesLike(inputs.Enumerate().FirstOrDefault())), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>The bundled images whose codec a run starting with <paramref name="firstInput"/> most likely needs.</summary>
    internal static string[] ImagesLike(string? firstInput) => Path.GetExtension(firstInput)?.ToLowerInvariant() switch
    {
        ".png" => [Png],
        ".jpg" or ".jpeg" => [Jpeg],
        _ => [Png, Jpeg],
    };

    private static RecordBatch[] Run(ImageFeaturizer featurizer, RowTransform output, string[] images)
    {
        var batches = images.Select(image => output.Apply(FeatureBatch.Compute(Files(image), featurizer))).ToArray();
        using var parquet = new MemoryStream();
        ArrowParquetWriter.Write(parquet, output.Schema, [.. batches.Select(RowRange.All)], output.Metadata, CancellationToken.None);
        return batches;
    }

    /// <summary>A binaryFile batch of one bundled image.</summary>
    internal static RecordBatch Files(string name)
    {
        using var resource = typeof(Warmup).Assembly.GetManifestResourceStream($"{typeof(Warmup).FullName}.{name}")
            ?? throw new InvalidOperationException($"The program is missing its resource '{name}'.");
        var bytes = new byte[resource.Length];
        resource.ReadExactly(bytes);
        var columns = new IArrowArray[]
        {
            new StringArray.Builder().Append(name).Build(),
            new TimestampArray.Builder((Apache.Arrow.Types.TimestampType)BinaryRows.Schema.GetFieldByName(FeatureColumns.ModificationTime).DataType).AppendNull().Build(),
            new Int64Array.Builder().Append(bytes.Length).Build(),
            new BinaryArray.Builder().Append(bytes.AsSpan()).Build(),
            new StringArray.Builder().AppendNull().Build(),
            new StringArray.Builder().AppendNull().Build(),
        };
        return new RecordBatch(BinaryRows.Schema, columns, 1);
    }
}
