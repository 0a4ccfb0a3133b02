using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SparkImaging.Udfs.Memory;

/// <summary>A span of pooled memory returned to the shared pool on dispose; the contents start undefined.</summary>
/// <typeparam name="T">Element type.</typeparam>
internal readonly struct PooledBuffer<T> : IDisposable
{
    /// <summary>Bytes of a cache line, and of the widest vector.</summary>
    public const int LineBytes = 64;

    private readonly T[] array;
    private readonly int start;

    public PooledBuffer(int length)
        : this(length, aligned: false)
    {
    }

    /// <summary>
    /// <paramref name="aligned"/>: the span starts on a cache-line boundary, so that whole vectors read from it at
    /// multiples of 64 bytes touch one line each. Arrays this large sit on the large-object heap, which the GC does
    /// not move; should a small one move, only speed is affected.
    /// </summary>
    public unsafe PooledBuffer(int length, bool aligned)
    {
        var pad = aligned ? LineBytes / Unsafe.SizeOf<T>() : 0;
        array = length == 0 ? [] : ArrayPool<T>.Shared.Rent(length + pad);
        Length = length;
        if (aligned && length > 0)
        {
            var address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
            start = (int)((LineBytes - (address % LineBytes)) % LineBytes) / Unsafe.SizeOf<T>();
        }
    }

    public int Length { get; }

    public Span<T> Span => array.AsSpan(start, Length);

    public void Dispose()
    {
        if (array.Length > 0)
        {
            ArrayPool<T>.Shared.Return(array);
        }
    }
}
