using System.Buffers;
using SparkImaging.Udfs.Memory;

namespace SparkImaging.Udfs.Tests.Imaging;

/// <summary>
/// <see cref="PooledBuffer{T}"/> returns its array once, however many copies of it are disposed however often: two
/// returns of one array would hand it to two renters at once (each decode writing over the other's pixels).
/// </summary>
public class PooledBufferTests
{
    // An odd size in a bucket nothing else here rents, so the shared pool's thread-local slot is ours.
    private const int Length = 700_001;

    [Fact]
    public void Disposing_copies_twice_returns_the_array_once()
    {
        var buffer = new PooledBuffer<byte>(Length);
        var copy = buffer;
        buffer.Dispose();
        copy.Dispose();
        buffer.Dispose();

        // Returned twice, the pool would now hand out the same array to both of these renters.
        var first = ArrayPool<byte>.Shared.Rent(Length);
        var second = ArrayPool<byte>.Shared.Rent(Length);
        try
        {
            Assert.NotSame(first, second);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(first);
            ArrayPool<byte>.Shared.Return(second);
        }
    }

    [Fact]
    public void Memory_of_a_returned_buffer_is_refused()
    {
        var buffer = new PooledBuffer<double>(Length, aligned: true);
        var copy = buffer;
        copy.Dispose();
        Assert.Throws<ObjectDisposedException>(() => buffer.Span.Length);
    }

    [Fact]
    public void Empty_and_default_buffers_rent_and_return_nothing()
    {
        var empty = new PooledBuffer<int>(0);
        Assert.True(empty.Span.IsEmpty);
        empty.Dispose();
        empty.Dispose();
        Assert.True(empty.Span.IsEmpty);
        default(PooledBuffer<int>).Dispose();
    }

    [Fact]
    public void Aligned_buffers_start_on_a_cache_line()
    {
        using var buffer = new PooledBuffer<float>(1000, aligned: true);
        unsafe
        {
            fixed (float* start = buffer.Span)
            {
                Assert.Equal(0, (nint)start % PooledBuffer<float>.LineBytes);
            }
        }
    }

    [Fact]
    public void A_negative_length_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PooledBuffer<byte>(-1));
}
