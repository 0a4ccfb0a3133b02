using System.Runtime.InteropServices;

namespace SparkImaging.Pipeline.Inputs;

/// <summary>
/// An immutable set of <see cref="PathKey"/>s kept as one sorted array: 16 bytes a path, no object or hash-table
/// slack per path, looked up by binary search.
/// </summary>
internal sealed class PathKeySet
{
    private readonly PathKey[] keys;

    private PathKeySet(PathKey[] keys) => this.keys = keys;

    public static PathKeySet Empty { get; } = new([]);

    public int Count => keys.Length;

    /// <summary>The set of <paramref name="keys"/>, which it sorts in place; duplicates are kept once.</summary>
    public static PathKeySet Of(List<PathKey> keys) => Empty.With(keys);

    /// <summary>Hashes <paramref name="path"/> only when the set is not empty.</summary>
    public bool Contains(string path) => keys.Length > 0 && Contains(PathKey.Of(path));

    public bool Contains(PathKey key) => keys.AsSpan().BinarySearch(key) >= 0;

    /// <summary>This set and <paramref name="added"/> (sorted in place), merged into a new array of the exact size.</summary>
    public PathKeySet With(List<PathKey> added)
    {
        var more = CollectionsMarshal.AsSpan(added);
        more.Sort();
        var merged = new PathKey[keys.Length + more.Length];
        int i = 0, j = 0, count = 0;
        while (i < keys.Length || j < more.Length)
        {
            var next = j == more.Length || (i < keys.Length && keys[i].CompareTo(more[j]) <= 0) ? keys[i++] : more[j++];
            if (count == 0 || merged[count - 1] != next)
            {
                merged[count++] = next;
            }
        }

        return new PathKeySet(count == merged.Length ? merged : merged[..count]);
    }
}
