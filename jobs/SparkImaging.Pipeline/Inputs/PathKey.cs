using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace SparkImaging.Pipeline.Inputs;

/// <summary>
/// A 128-bit digest of a path: sets of these track seen and committed inputs in 16 bytes a path instead of
/// the whole string, so memory stays small for millions of inputs, with no realistic chance of collision.
/// Two 64-bit halves rather than <see cref="UInt128"/>: ReadyToRun does not precompile methods that hold an
/// Int128/UInt128 (their layout may change between runtime versions), which left the engine's async methods to the
/// JIT compiler on every start.
/// </summary>
internal readonly record struct PathKey(ulong High, ulong Low) : IComparable<PathKey>
{
    public static PathKey Of(string path)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(path), digest);
        return new PathKey(BinaryPrimitives.ReadUInt64LittleEndian(digest), BinaryPrimitives.ReadUInt64LittleEndian(digest[8..]));
    }

    public int CompareTo(PathKey other) => High != other.High ? High.CompareTo(other.High) : Low.CompareTo(other.Low);
}
