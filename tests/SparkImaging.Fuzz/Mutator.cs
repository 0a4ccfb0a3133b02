using System.Buffers.Binary;

namespace SparkImaging.Fuzz;

/// <summary>
/// Deterministic structure-blind mutations in the manner of AFL's havoc stage: bit flips, interesting values,
/// truncations, splices of two seeds, header size edits, inserted and deleted runs.
/// </summary>
public sealed class Mutator
{
    private static readonly uint[] InterestingValues = [0, 1, 0x7F, 0x80, 0xFF, 0x7FFF, 0xFFFF, 0x10000, 0x7FFFFFFF, 0xFFFFFFFF];

    private readonly Random random;
    private readonly IReadOnlyList<byte[]> seeds;
    private readonly bool repairPngChecksums;

    /// <summary>Creates a mutator over <paramref name="seeds"/>, fully determined by <paramref name="seed"/>.</summary>
    /// <param name="repairPngChecksums">
    /// Recompute each mutated PNG's Adler-32 and CRCs (<see cref="PngChecksums"/>), so mutations reach the inflater and
    /// the unfilters instead of failing the first CRC.
    /// </param>
    public Mutator(IReadOnlyList<byte[]> seeds, int seed, bool repairPngChecksums = false)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        if (seeds.Count == 0 || seeds.Any(s => s.Length == 0))
        {
            throw new ArgumentException("Mutations need at least one non-empty seed.", nameof(seeds));
        }

        this.seeds = seeds;
        this.repairPngChecksums = repairPngChecksums;
        random = new Random(seed);
    }

    /// <summary>The next mutated input: a seed with one to four stacked mutations.</summary>
    public byte[] Next()
    {
        var bytes = (byte[])seeds[random.Next(seeds.Count)].Clone();
        var rounds = 1 + random.Next(4);
        for (var r = 0; r < rounds && bytes.Length > 0; r++)
        {
            bytes = random.Next(7) switch
            {
                0 => FlipBits(bytes),
                1 => SetInteresting(bytes),
                2 => bytes[..random.Next(bytes.Length)],
                3 => Splice(bytes),
                4 => EditHeaderField(bytes),
                5 => Insert(bytes),
                _ => Delete(bytes),
            };
        }

        if (repairPngChecksums)
        {
            PngChecksums.Repair(bytes);
        }

        return bytes;
    }

    private byte[] FlipBits(byte[] bytes)
    {
        for (var n = 1 + random.Next(8); n > 0; n--)
        {
            bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
        }

        return bytes;
    }

    private byte[] SetInteresting(byte[] bytes)
    {
        bytes[random.Next(bytes.Length)] = (byte)InterestingValues[random.Next(5)];
        return bytes;
    }

    private byte[] Splice(byte[] bytes)
    {
        var other = seeds[random.Next(seeds.Count)];
        var head = random.Next(bytes.Length);
        var tail = random.Next(other.Length);
        return [.. bytes.AsSpan(0, head), .. other.AsSpan(tail)];
    }

    /// <summary>Overwrites 2 or 4 bytes near the start (where sizes, counts and offsets live) with an edge value.</summary>
    private byte[] EditHeaderField(byte[] bytes)
    {
        var width = random.Next(2) == 0 ? 2 : 4;
        if (bytes.Length < width)
        {
            return bytes;
        }

        var at = random.Next(Math.Min(bytes.Length - width, 64) + 1);
        var value = InterestingValues[random.Next(InterestingValues.Length)];
        var bigEndian = random.Next(2) == 0;
        var field = bytes.AsSpan(at, width);
        switch (width, bigEndian)
        {
            case (2, true):
                BinaryPrimitives.WriteUInt16BigEndian(field, (ushort)value);
                break;
            case (2, false):
                BinaryPrimitives.WriteUInt16LittleEndian(field, (ushort)value);
                break;
            case (_, true):
                BinaryPrimitives.WriteUInt32BigEndian(field, value);
                break;
            default:
                BinaryPrimitives.WriteUInt32LittleEndian(field, value);
                break;
        }

        return bytes;
    }

    private byte[] Insert(byte[] bytes)
    {
        var at = random.Next(bytes.Length + 1);
        var run = new byte[1 + random.Next(64)];
        if (random.Next(2) == 0)
        {
            random.NextBytes(run);
        }

        return [.. bytes.AsSpan(0, at), .. run, .. bytes.AsSpan(at)];
    }

    private byte[] Delete(byte[] bytes)
    {
        var at = random.Next(bytes.Length);
        var count = Math.Min(1 + random.Next(64), bytes.Length - at);
        return [.. bytes.AsSpan(0, at), .. bytes.AsSpan(at + count)];
    }
}
