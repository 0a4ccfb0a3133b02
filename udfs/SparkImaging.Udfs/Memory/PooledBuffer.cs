using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SparkImaging.Udfs.Memory;

/// <summary>A span of pooled memory returned to the shared pool on dispose; the contents start undefined.</summary>
/// <remarks>
/// The rented array lives in a <see cref="Lease"/> that every copy of the struct shares: the first dispose of any copy
/// takes the array out of it and returns it to the pool, later ones find it gone. A copy disposed twice therefore
/// cannot hand the same array to two renters, and a span asked for after the return throws instead of reading memory
/// someone else now owns.
/// </remarks>
/// <typeparam name="T">Element type.</typeparam>
internal readonly struct PooledBuffer<T> : IDisposable
{
    /// <summary>Bytes of a cache line, and of the widest vector.</summary>
    public const int LineBytes = 64;

    /// <summary>Null for an empty buffer (nothing rented, nothing to return).</summary>
    private readonly Lease? lease;
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
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Length = length;
        if (length == 0)
        {
            return;
        }

        var pad = aligned ? LineBytes / Unsafe.SizeOf<T>() : 0;
        var array = ArrayPool<T>.Shared.Rent(length + pad);
        lease = new Lease(array);
        if (aligned)
        {
            var address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
            start = (int)((LineBytes - (address % LineBytes)) % LineBytes) / Unsafe.SizeOf<T>();
        }
    }

    public int Length { get; }

    /// <summary>The memory; <see cref="ObjectDisposedException"/> once any copy of this buffer was disposed.</summary>
    public Span<T> Span
    {
        get
        {
            if (lease is null)
            {
                return [];
            }

            var array = lease.Array;
            if (array is null)
            {
                ThrowReturned(); // out of line: the getter stays small enough to inline
            }

            return array.AsSpan(start, Length);
        }
    }

    public void Dispose()
    {
        if (lease is not null && Interlocked.Exchange(ref lease.Array, null) is { } array)
        {
            ArrayPool<T>.Shared.Return(array);
        }
    }

    [DoesNotReturn]
    private static void ThrowReturned() => throw new ObjectDisposedException(nameof(PooledBuffer<T>), "The buffer went back to the pool.");

    /// <summary>The owner token: holds the array until the one return.</summary>
    private sealed class Lease(T[] array)
    {
        public T[]? Array = array;
    }
}
