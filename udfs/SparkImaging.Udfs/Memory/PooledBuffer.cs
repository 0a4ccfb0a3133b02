using System.Buffers;

namespace SparkImaging.Udfs.Memory;

/// <summary>A span of pooled memory returned to the shared pool on dispose; the contents start undefined.</summary>
/// <typeparam name="T">Element type.</typeparam>
internal readonly struct PooledBuffer<T> : IDisposable
{
    private readonly T[] array;

    public PooledBuffer(int length)
    {
        array = length == 0 ? [] : ArrayPool<T>.Shared.Rent(length);
        Length = length;
    }

    public int Length { get; }

    public Span<T> Span => array.AsSpan(0, Length);

    public void Dispose()
    {
        if (array.Length > 0)
        {
            ArrayPool<T>.Shared.Return(array);
        }
    }
}
