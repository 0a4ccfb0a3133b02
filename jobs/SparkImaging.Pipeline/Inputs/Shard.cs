using System.Globalization;
using System.Text;

namespace SparkImaging.Pipeline.Inputs;

/// <summary>Shard <see cref="Index"/> of <see cref="Count"/>: the inputs whose stable path hash falls in it.</summary>
/// <param name="Index">0-based shard index.</param>
/// <param name="Count">Number of shards.</param>
public sealed record Shard(int Index, int Count)
{
    /// <summary>The whole input.</summary>
    public static Shard All { get; } = new(0, 1);

    /// <summary>Parses <c>I/N</c> with 0 ≤ I &lt; N.</summary>
    public static Shard Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || count < 1 || index >= count)
        {
            throw new FormatException($"--shard '{text}' must be I/N with 0 <= I < N, e.g. 0/4.");
        }

        return new Shard(index, count);
    }

    /// <summary>Whether the input belongs to this shard: FNV-1a 64 of the UTF-8 path, stable across runs and machines.</summary>
    public bool Contains(string path) => Count == 1 || (int)(Hash(path) % (ulong)Count) == Index;

    /// <summary>FNV-1a, 64-bit.</summary>
    public static ulong Hash(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var hash = 14695981039346656037UL;
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetByteCount(path) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(path, buffer)] : Encoding.UTF8.GetBytes(path);
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
