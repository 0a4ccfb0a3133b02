namespace SparkImaging.Pipeline.Spark;

/// <summary>
/// How the driver splits the images into UDF groups: by a stable hash of the path into N groups, so a group holds about
/// <c>--group-size</c> images and a rerun puts every image in the same group. Spark may run several groups in one task
/// (one Arrow batch per group); a group is never split, so its size is what bounds the worker's memory.
/// </summary>
public static class SparkGroups
{
    /// <summary>The grouping column the driver adds (dropped again by the UDF's output schema).</summary>
    public const string Column = "_sparkimaging_group";

    /// <summary>Images per UDF group by default: whole encoded files travel in one Arrow batch per group.</summary>
    public const int DefaultGroupSize = 32;

    /// <summary>The number of groups: <paramref name="partitions"/> when given, else ceil(inputs / group size), at least 1.</summary>
    public static int Count(long inputCount, int groupSize, int? partitions)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inputCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(groupSize, 1);
        if (partitions is { } n)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(n, 1, nameof(partitions));
            return n;
        }

        var groups = (inputCount + groupSize - 1) / groupSize;
        return (int)Math.Clamp(groups, 1, int.MaxValue);
    }
}
