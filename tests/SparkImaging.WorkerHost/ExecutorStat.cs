namespace SparkImaging.WorkerHost;

/// <summary>What one run processed, as the worker counts it.</summary>
internal sealed class ExecutorStat
{
    public int Batches { get; set; }

    public long Rows { get; set; }
}
