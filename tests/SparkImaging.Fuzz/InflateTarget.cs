using System.IO.Compression;
using SparkImaging.Udfs.Imaging;

namespace SparkImaging.Fuzz;

/// <summary>
/// Differential raw-inflate target: our <see cref="ZlibInflater"/> against the runtime's zlib (<see cref="ZLibStream"/>)
/// on the same bytes. Input: the expected output size (2 bytes, little-endian), then a zlib stream. Both must agree
/// on the bytes of the image and on the outcome; see <see cref="Expected"/> for how zlib's outcome is read.
/// </summary>
public static class InflateTarget
{
    /// <summary>Bytes of the input before the zlib stream.</summary>
    public const int PrefixLength = 2;

    /// <summary>The outcome of an inflate as the PNG decoder sees it.</summary>
    public enum Outcome
    {
        /// <summary>The image's bytes arrived (more may follow).</summary>
        Inflated,

        /// <summary>The stream ended first.</summary>
        Truncated,

        /// <summary>The stream is invalid before or at the image's end (the Adler-32 included).</summary>
        Corrupt,
    }

    /// <summary>An input for this target: <paramref name="wanted"/> then <paramref name="zlib"/>.</summary>
    public static byte[] Input(int wanted, ReadOnlySpan<byte> zlib) => [(byte)wanted, (byte)(wanted >> 8), .. zlib];

    /// <summary>Runs one input; throws <see cref="FuzzInvariantException"/> where the two inflaters disagree.</summary>
    public static void Run(ReadOnlySpan<byte> data)
    {
        if (data.Length < PrefixLength)
        {
            return;
        }

        var wanted = data[0] | (data[1] << 8);
        var zlib = data[PrefixLength..];

        var padded = new byte[zlib.Length + ZlibInflater.InputPadding];
        zlib.CopyTo(padded);
        var ours = new byte[wanted + ZlibInflater.OutputSlack];
        Outcome outcome;
        var verified = false;
        var reason = "";
        try
        {
            verified = ZlibInflater.Inflate(padded, zlib.Length, ours, wanted);
            outcome = Outcome.Inflated;
        }
        catch (ImageDecodeException e) when (e.Failure is DecodeFailure.Truncated or DecodeFailure.Corrupt)
        {
            outcome = e.Failure == DecodeFailure.Truncated ? Outcome.Truncated : Outcome.Corrupt;
            reason = $" ({e.Reason})";
        }

        var (reference, allowed) = Expected(zlib, wanted);
        if (!allowed.Contains(outcome))
        {
            throw new FuzzInvariantException($"our inflate says {outcome}{reason}, zlib says {string.Join(" or ", allowed)} ({reference.Length} of {wanted} bytes)");
        }

        if (outcome == Outcome.Inflated && reference.Length >= wanted && !ours.AsSpan(0, wanted).SequenceEqual(reference.AsSpan(0, wanted)))
        {
            throw new FuzzInvariantException($"our inflate's {wanted} bytes differ from zlib's at {ours.AsSpan(0, wanted).CommonPrefixLength(reference)}");
        }

        if (verified && reference.Length != wanted)
        {
            throw new FuzzInvariantException("our inflate checked an Adler-32 where zlib found more data");
        }
    }

    /// <summary>
    /// The outcomes our inflater may have, judged from zlib, read as our inflater's contract states it: the deflate
    /// data is inflated raw (no checksum) up to one byte past the image, since more is ignored; an error before that
    /// is corrupt, an end before the image truncated. Only a stream ending exactly with the image has its Adler-32
    /// judged, by <see cref="ZLibStream"/>. Two allowances, both documented in docs/fuzzing.md:
    /// <list type="bullet">
    /// <item>.NET drops the output of a read that fails, and zlib may write one more byte and then decode the next
    /// code in the same call; read one byte at a time, an error after the image's last byte cannot be told from one
    /// just before it, so there either outcome is right.</item>
    /// <item>A stream cut after the image's last byte (in the same block, or inside a stored block that crosses
    /// it): zlib hands out what it has; ours is truncated, because it reads whole stored blocks and codes ahead
    /// of the output, and only forgives a missing Adler-32.</item>
    /// <item>A cut stream whose data so far is already doomed (a dynamic block with an empty
    /// code-length code, say): ours refuses it as soon as it reads the block header, zlib only when the next code
    /// needs the table, so on a cut stream it ends quietly; corrupt is right too when whatever follows makes zlib
    /// fail.</item>
    /// </list>
    /// </summary>
    public static (byte[] Bytes, Outcome[] Allowed) Expected(ReadOnlySpan<byte> zlib, int wanted)
    {
        if (zlib.Length < 2)
        {
            return ([], [Outcome.Truncated]);
        }

        // RFC 1950 §2.2: deflate, window at most 32 KB, check bits, no preset dictionary.
        if ((zlib[0] & 0x0F) != 8 || zlib[0] >> 4 > 7 || ((zlib[0] << 8) | zlib[1]) % 31 != 0 || (zlib[1] & 0x20) != 0)
        {
            return ([], [Outcome.Corrupt]);
        }

        var deflate = zlib[2..].ToArray();
        var (bytes, failed) = ReadRaw(deflate, wanted + 1, chunk: wanted + 1);
        if (failed)
        {
            (bytes, _) = ReadRaw(deflate, wanted + 1, chunk: 1);
            return (bytes, bytes.Length > wanted ? [Outcome.Inflated] : bytes.Length == wanted ? [Outcome.Inflated, Outcome.Corrupt] : [Outcome.Corrupt]);
        }

        if (bytes.Length < wanted)
        {
            return (bytes, FailsWhenContinued(deflate, wanted) ? [Outcome.Truncated, Outcome.Corrupt] : [Outcome.Truncated]);
        }

        if (IsCut(deflate))
        {
            return (bytes, FailsWhenContinued(deflate, wanted) ? [Outcome.Inflated, Outcome.Truncated, Outcome.Corrupt] : [Outcome.Inflated, Outcome.Truncated]);
        }

        if (bytes.Length > wanted)
        {
            return (bytes, [Outcome.Inflated]);
        }

        var copy = zlib.ToArray();
        var (_, badChecksum) = ReadUpTo(() => new ZLibStream(new MemoryStream(copy), CompressionMode.Decompress), wanted + 1, chunk: wanted + 1);
        return (bytes, [badChecksum ? Outcome.Corrupt : Outcome.Inflated]);
    }

    /// <summary>
    /// Whether the deflate data stops before its final block ends. .NET reads both alike, so: whether bytes appended
    /// to it change what it inflates to (after a complete stream they are never read).
    /// </summary>
    private static bool IsCut(byte[] deflate)
    {
        const int Limit = 1 << 20;
        var alone = ReadRaw(deflate, Limit, Limit);
        foreach (var filler in new byte[] { 0x00, 0xFF })
        {
            var extended = deflate.Concat(Enumerable.Repeat(filler, 64)).ToArray();
            var (bytes, failed) = ReadRaw(extended, Limit, Limit);
            if (failed != alone.Failed || !bytes.AsSpan().SequenceEqual(alone.Bytes))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether zlib fails before the image's end whatever bytes follow the data (0x00 and 0xFF tried).</summary>
    private static bool FailsWhenContinued(byte[] deflate, int wanted) =>
        new byte[] { 0x00, 0xFF }.All(filler =>
        {
            var (bytes, failed) = ReadRaw([.. deflate, .. Enumerable.Repeat(filler, 4096)], wanted + 1, wanted + 1);
            return failed && bytes.Length <= wanted;
        });

    private static (byte[] Bytes, bool Failed) ReadRaw(byte[] deflate, int limit, int chunk) =>
        ReadUpTo(() => new DeflateStream(new MemoryStream(deflate), CompressionMode.Decompress), limit, chunk);

    private static (byte[] Bytes, bool Failed) ReadUpTo(Func<Stream> open, int limit, int chunk)
    {
        var output = new byte[limit];
        var filled = 0;
        try
        {
            using var stream = open();
            int read;
            while (filled < limit && (read = stream.Read(output, filled, Math.Min(chunk, limit - filled))) > 0)
            {
                filled += read;
            }

            return (output[..filled], false);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return (output[..filled], true);
        }
    }
}
