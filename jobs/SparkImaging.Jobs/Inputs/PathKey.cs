using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace SparkImaging.Jobs.Inputs;

/// <summary>
/// A 128-bit digest of a path: sets of these track seen and committed inputs in 16 bytes a path instead of
/// the whole string, so memory stays small for millions of inputs, with no realistic chance of collision.
/// </summary>
internal static class PathKey
{
    public static UInt128 Of(string path)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(path), digest);
        return new UInt128(BinaryPrimitives.ReadUInt64LittleEndian(digest), BinaryPrimitives.ReadUInt64LittleEndian(digest[8..]));
    }
}
