using System.Runtime.CompilerServices;

namespace SparkImaging.Udfs.Imaging;

/// <summary>
/// Inflates a zlib stream (RFC 1950 around RFC 1951 deflate) of PNG image data into a buffer of known size.
/// <para>
/// Why our own: PNG image data barely compresses (photos and scans keep most of their entropy), so inflating is
/// mostly decoding literals one Huffman code at a time, and that was about half of a PNG's decode time in libpng's
/// zlib. This decoder follows the layout that makes libdeflate fast: a 64-bit bit buffer refilled without branches
/// from unaligned 8-byte reads, 11-bit (literal/length) and 8-bit (distance) first-level tables whose entries hold
/// everything a code means, up to three literals per refill, and matches copied eight bytes at a time.
/// </para>
/// <para>
/// Untrusted input: over-subscribed and incomplete codes, bad code-length sequences, distances before the start,
/// undefined symbols and bad stored-block lengths are refused as corrupt; data that ends before the image is complete
/// is truncated; the Adler-32 of the output is checked when the stream ends where the image does. The input must be
/// followed by <see cref="InputPadding"/> zero bytes and the output must have <see cref="OutputSlack"/> spare bytes, so
/// that the hot loop never checks a bound per byte; reads past the data land in the padding and are caught by the
/// count of bits consumed, writes past the image land in the slack and are ignored (as libpng ignores image data
/// beyond the image).
/// </para>
/// </summary>
internal static unsafe class ZlibInflater
{
    /// <summary>Zero bytes the caller puts after the compressed data.</summary>
    public const int InputPadding = 16;

    /// <summary>Spare bytes the caller leaves after the expected output: one longest match plus one 8-byte overshoot.</summary>
    public const int OutputSlack = 512;

    private const int LiteralBits = 11;
    private const int DistanceBits = 8;
    private const int CodeLengthBits = 7;

    // Table sizes (first level plus the most second-level entries any valid code needs; zlib's enough program).
    private const int LiteralTableSize = 2342;
    private const int DistanceTableSize = 402;
    private const int CodeLengthTableSize = 1 << CodeLengthBits;

    // Entry: bits 0-7 bits to consume, 8-11 extra bits (second-level bits for a link; for literals bit 8 marks a pair),
    // 12-27 value (a pair's second literal in bits 20-27), 28-31 kind.
    private const uint LiteralKind = 0x8000_0000;
    private const uint LinkKind = 0x4000_0000;
    private const uint EndKind = 0x2000_0000;
    private const uint InvalidKind = 0x1000_0000;
    private const uint PairFlag = 0x100;

    private static readonly ushort[] LengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
    private static readonly byte[] LengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
    private static readonly ushort[] DistanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
    private static readonly byte[] DistanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
    private static readonly byte[] CodeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

    private enum Alphabet
    {
        LiteralLength,
        Distance,
        CodeLength,
    }

    /// <summary>
    /// Inflates <paramref name="length"/> bytes of <paramref name="padded"/> (followed there by
    /// <see cref="InputPadding"/> zeros) into the first <paramref name="wanted"/> bytes of
    /// <paramref name="destination"/> (at least <see cref="OutputSlack"/> bytes longer).
    /// </summary>
    /// <returns>
    /// Whether the Adler-32 was checked: not when the stream holds more than the image, or stops right after it.
    /// </returns>
    public static bool Inflate(ReadOnlySpan<byte> padded, int length, Span<byte> destination, int wanted)
    {
        if (length < 0 || padded.Length < length + InputPadding || padded.Slice(length, InputPadding).IndexOfAnyExcept((byte)0) >= 0)
        {
            throw new ArgumentException($"The input needs {InputPadding} zero bytes after its {length} bytes of data.", nameof(padded));
        }

        if (wanted < 0 || destination.Length < wanted + OutputSlack)
        {
            throw new ArgumentException($"The output needs {OutputSlack} spare bytes after the {wanted} expected.", nameof(destination));
        }

        if (length < 2)
        {
            throw Truncated();
        }

        var method = padded[0];
        if ((method & 0x0F) != 8 || (method >> 4) > 7 || ((method << 8) | padded[1]) % 31 != 0)
        {
            throw Corrupt("does not start with a zlib header for deflate");
        }

        if ((padded[1] & 0x20) != 0)
        {
            throw Corrupt("asks for a preset dictionary");
        }

        Span<uint> tables = stackalloc uint[LiteralTableSize + DistanceTableSize + CodeLengthTableSize];
        fixed (byte* input = padded)
        fixed (byte* output = destination)
        {
            var state = new Cursor(input + 2, input + length, output, output + wanted);
            Decode(ref state, tables[..LiteralTableSize], tables.Slice(LiteralTableSize, DistanceTableSize), tables[(LiteralTableSize + DistanceTableSize)..]);
            if (state.Consumed > state.InputEnd || state.Out < state.OutEnd)
            {
                throw Truncated(); // bits came from the padding, or the stream ended before the image
            }

            return state.Finished && CheckAdler(ref state, new ReadOnlySpan<byte>(output, wanted));
        }
    }

    /// <remarks>
    /// The tables are spans: only the codes' hot loop (<see cref="DecodeCodes"/>) reads them through pointers, so a
    /// table builder that went wrong would throw instead of writing past its table.
    /// </remarks>
    private static void Decode(ref Cursor s, Span<uint> literals, Span<uint> distances, Span<uint> codeLengths)
    {
        var outp = s.Out;
        while (true)
        {
            Refill(ref s.Bits, ref s.Count, ref s.At, s.Safe);
            var final = (s.Bits & 1) != 0;
            var type = (int)(s.Bits >> 1) & 3;
            s.Bits >>= 3;
            s.Count -= 3;
            if (type == 0)
            {
                // Stored: whole bytes from the next byte boundary; give back the bytes the bit buffer holds.
                var at = s.At - (s.Count >> 3);
                s.Bits = 0;
                s.Count = 0;
                if (at + 4 > s.InputEnd)
                {
                    throw Truncated();
                }

                var size = at[0] | (at[1] << 8);
                if ((size ^ (at[2] | (at[3] << 8))) != 0xFFFF)
                {
                    throw Corrupt("has a stored block whose length check fails");
                }

                at += 4;
                if (at + size > s.InputEnd)
                {
                    throw Truncated();
                }

                var copy = (int)Math.Min(size, s.OutEnd - outp);
                Buffer.MemoryCopy(at, outp, copy, copy);
                s.At = at + size;
                outp += size > copy ? copy + 1 : copy; // one past the image marks data beyond it
            }
            else
            {
                if (type == 1)
                {
                    BuildFixed(literals, distances);
                }
                else if (type == 2)
                {
                    ReadDynamic(ref s, literals, distances, codeLengths);
                }
                else
                {
                    throw Failure(s.At, s.Count, s.InputEnd, "has a block of the reserved type 3");
                }

                fixed (uint* literalTable = literals)
                fixed (uint* distanceTable = distances)
                {
                    outp = DecodeCodes(ref s, outp, literalTable, distanceTable);
                }
            }

            if (outp > s.OutEnd)
            {
                // More data than the image: ignored, as libpng ignores it (so the checksum cannot be checked).
                s.Finished = false;
                break;
            }

            if (final)
            {
                s.Finished = true;
                break;
            }
        }

        s.Out = outp;
    }

    /// <summary>
    /// The codes of one Huffman block up to its end-of-block code, or until the output runs past the image. Its own
    /// method so that the bit buffer lives in registers: locals, copied from and back to <paramref name="s"/>.
    /// </summary>
    private static byte* DecodeCodes(ref Cursor s, byte* outp, uint* literals, uint* distances)
    {
        var bits = s.Bits;
        var count = s.Count;
        var at = s.At;
        var safe = s.Safe;
        var end = s.InputEnd;
        var outStart = s.OutStart;
        var outEnd = s.OutEnd;
            while (true)
            {
                Refill(ref bits, ref count, ref at, safe);
                var entry = literals[bits & ((1u << LiteralBits) - 1)];
                if ((int)entry < 0)
                {
                    // First-level entries hold one or two literals in at most 11 bits: three entries fit in the
                    // 56 bits a refill leaves. Both bytes are written; the second counts only in a pair.
                    Consume(ref bits, ref count, entry);
                    Unsafe.WriteUnaligned(outp, (ushort)(entry >> 12));
                    outp += 1 + ((entry >> 8) & 1);
                    entry = literals[bits & ((1u << LiteralBits) - 1)];
                    if ((int)entry < 0)
                    {
                        Consume(ref bits, ref count, entry);
                        Unsafe.WriteUnaligned(outp, (ushort)(entry >> 12));
                        outp += 1 + ((entry >> 8) & 1);
                        entry = literals[bits & ((1u << LiteralBits) - 1)];
                        if ((int)entry < 0)
                        {
                            Consume(ref bits, ref count, entry);
                            Unsafe.WriteUnaligned(outp, (ushort)(entry >> 12));
                            outp += 1 + ((entry >> 8) & 1);
                        }
                    }

                    if (outp > outEnd)
                    {
                        break;
                    }

                    continue;
                }

                if ((entry & LinkKind) != 0)
                {
                    Consume(ref bits, ref count, entry);
                    entry = literals[((entry >> 12) & 0xFFFF) + (bits & ((1u << (int)((entry >> 8) & 0xF)) - 1))];
                }

                Consume(ref bits, ref count, entry);
                if ((int)entry < 0)
                {
                    *outp++ = (byte)(entry >> 12);
                    if (outp > outEnd)
                    {
                        break;
                    }

                    continue;
                }

                if ((entry & (EndKind | InvalidKind)) != 0)
                {
                    if ((entry & InvalidKind) != 0)
                    {
                        throw Failure(at, count, end, "uses a literal/length code that is not defined");
                    }

                    break;
                }

                // A length, then its distance: at most 5 + 15 + 13 more bits, within what the refill left.
                var lengthExtra = (int)(entry >> 8) & 0xF;
                var matchLength = (int)(entry >> 12) + (int)(bits & ((1UL << lengthExtra) - 1));
                bits >>= lengthExtra;
                count -= lengthExtra;
                var distanceEntry = distances[bits & ((1u << DistanceBits) - 1)];
                if ((distanceEntry & LinkKind) != 0)
                {
                    Consume(ref bits, ref count, distanceEntry);
                    distanceEntry = distances[((distanceEntry >> 12) & 0xFFFF) + (bits & ((1u << (int)((distanceEntry >> 8) & 0xF)) - 1))];
                }

                if ((distanceEntry & InvalidKind) != 0)
                {
                    throw Failure(at, count, end, "uses a distance code that is not defined");
                }

                Consume(ref bits, ref count, distanceEntry);
                var distanceExtra = (int)(distanceEntry >> 8) & 0xF;
                var distance = (int)(distanceEntry >> 12) + (int)(bits & ((1UL << distanceExtra) - 1));
                bits >>= distanceExtra;
                count -= distanceExtra;
                if (distance > outp - outStart)
                {
                    throw Failure(at, count, end, "refers back before the start of the image data");
                }

                CopyMatch(outp, distance, matchLength);
                outp += matchLength;
                if (outp > outEnd)
                {
                    break;
                }
            }

        s.Bits = bits;
        s.Count = count;
        s.At = at;
        return outp;
    }

    private static bool CheckAdler(ref Cursor s, ReadOnlySpan<byte> output)
    {
        // The checksum starts at the next byte boundary, most significant byte first.
        var at = s.Consumed;
        if (at + 4 > s.InputEnd)
        {
            return false; // a stream cut right after the image: every pixel arrived, nothing to hold it against
        }

        var stored = ((uint)at[0] << 24) | ((uint)at[1] << 16) | ((uint)at[2] << 8) | at[3];
        return Adler32.Compute(output) == stored ? true : throw Corrupt("fails its Adler-32 check");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Refill(ref ulong bits, ref int count, ref byte* at, byte* safe)
    {
        // Branch-free: top the buffer up to 56-63 bits with whole bytes (libdeflate's refill). The one branch left
        // catches a stream that runs on into the padding: every code consumes bits, so a truncated stream gets here.
        if (at > safe)
        {
            throw Truncated();
        }

        bits |= Unsafe.ReadUnaligned<ulong>(at) << count;
        at += (63 - count) >> 3;
        count |= 56;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Consume(ref ulong bits, ref int count, uint entry)
    {
        // A 64-bit shift uses the low 6 bits of its count, which here are the entry's length (at most 15): shifting
        // by the whole entry saves the zero-extension on the path from one lookup to the next.
        bits >>= (int)entry;
        count -= (int)(entry & 0xFF);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyMatch(byte* outp, int distance, int length)
    {
        var from = outp - distance;
        var end = outp + length;
        if (distance >= sizeof(ulong))
        {
            // Eight bytes at a time reads only bytes already written; the last word may run into the slack.
            do
            {
                Unsafe.WriteUnaligned(outp, Unsafe.ReadUnaligned<ulong>(from));
                outp += sizeof(ulong);
                from += sizeof(ulong);
            }
            while (outp < end);
        }
        else if (distance == 1)
        {
            Unsafe.InitBlockUnaligned(outp, *from, (uint)length);
        }
        else
        {
            while (outp < end)
            {
                *outp++ = *from++;
            }
        }
    }

    private static void ReadDynamic(ref Cursor s, Span<uint> literals, Span<uint> distances, Span<uint> codeLengths)
    {
        ref var bits = ref s.Bits;
        ref var count = ref s.Count;
        ref var at = ref s.At;
        var safe = s.Safe;
        var end = s.InputEnd;
        Refill(ref bits, ref count, ref at, safe);
        var literalCount = (int)(bits & 0x1F) + 257;
        var distanceCount = (int)((bits >> 5) & 0x1F) + 1;
        var codeLengthCount = (int)((bits >> 10) & 0xF) + 4;
        bits >>= 14;
        count -= 14;
        if (literalCount > 286 || distanceCount > 30)
        {
            throw Failure(at, count, end, "declares more literal/length or distance codes than deflate has");
        }

        Span<byte> lengths = stackalloc byte[286 + 30];
        Span<byte> codeLengthLengths = stackalloc byte[19];
        codeLengthLengths.Clear();
        for (var i = 0; i < codeLengthCount; i++)
        {
            if (count < 3)
            {
                Refill(ref bits, ref count, ref at, safe);
            }

            codeLengthLengths[CodeLengthOrder[i]] = (byte)(bits & 7);
            bits >>= 3;
            count -= 3;
        }

        if (s.Consumed > end)
        {
            throw Truncated();
        }

        Build(codeLengthLengths, Alphabet.CodeLength, codeLengths, CodeLengthBits);
        var total = literalCount + distanceCount;
        for (var i = 0; i < total;)
        {
            // A code (≤ 7 bits) and its repeat bits (≤ 7) fit in what the refill leaves.
            Refill(ref bits, ref count, ref at, safe);
            var entry = codeLengths[(int)(bits & ((1u << CodeLengthBits) - 1))];
            if ((entry & InvalidKind) != 0)
            {
                throw Failure(at, count, end, "uses a code-length code that is not defined");
            }

            Consume(ref bits, ref count, entry);
            var symbol = (int)(entry >> 12);
            if (symbol < 16)
            {
                lengths[i++] = (byte)symbol;
                continue;
            }

            int repeat;
            byte value = 0;
            if (symbol == 16)
            {
                if (i == 0)
                {
                    throw Failure(at, count, end, "repeats a code length before the first one");
                }

                value = lengths[i - 1];
                repeat = 3 + (int)(bits & 3);
                bits >>= 2;
                count -= 2;
            }
            else if (symbol == 17)
            {
                repeat = 3 + (int)(bits & 7);
                bits >>= 3;
                count -= 3;
            }
            else
            {
                repeat = 11 + (int)(bits & 0x7F);
                bits >>= 7;
                count -= 7;
            }

            if (i + repeat > total)
            {
                throw Failure(at, count, end, "repeats code lengths past the last code");
            }

            lengths.Slice(i, repeat).Fill(value);
            i += repeat;
        }

        if (s.Consumed > end)
        {
            throw Truncated();
        }

        if (lengths[256] == 0)
        {
            throw Failure(at, count, end, "has a block without an end-of-block code");
        }

        Build(lengths[..literalCount], Alphabet.LiteralLength, literals, LiteralBits);
        Build(lengths.Slice(literalCount, distanceCount), Alphabet.Distance, distances, DistanceBits);
    }

    private static void BuildFixed(Span<uint> literals, Span<uint> distances)
    {
        Span<byte> lengths = stackalloc byte[288];
        lengths[..144].Fill(8);
        lengths[144..256].Fill(9);
        lengths[256..280].Fill(7);
        lengths[280..].Fill(8);
        Build(lengths, Alphabet.LiteralLength, literals, LiteralBits);
        lengths[..32].Fill(5);
        Build(lengths[..32], Alphabet.Distance, distances, DistanceBits);
    }

    /// <summary>
    /// Canonical Huffman decoding table for LSB-first lookup: a first level of 2^<paramref name="rootBits"/> entries,
    /// and for longer codes second-level tables sized to the codes sharing each first-level prefix.
    /// </summary>
    private static void Build(ReadOnlySpan<byte> lengths, Alphabet alphabet, Span<uint> table, int rootBits)
    {
        Span<int> counts = stackalloc int[16];
        counts.Clear();
        foreach (var length in lengths)
        {
            counts[length]++;
        }

        counts[0] = 0;
        var maxLength = 15;
        while (maxLength > 0 && counts[maxLength] == 0)
        {
            maxLength--;
        }

        var rootSize = 1 << rootBits;
        table[..rootSize].Fill(InvalidKind);
        if (maxLength == 0)
        {
            if (alphabet == Alphabet.Distance)
            {
                return; // a block of literals only: any distance code it uses is invalid
            }

            throw Corrupt("has a Huffman code without any symbols");
        }

        // Kraft: more codes than the lengths allow is an error; fewer only for a single one-bit code (zlib's rule).
        var left = 1;
        for (var length = 1; length <= 15; length++)
        {
            left = (left << 1) - counts[length];
            if (left < 0)
            {
                throw Corrupt("has an over-subscribed Huffman code");
            }
        }

        if (left > 0 && (alphabet == Alphabet.CodeLength || maxLength != 1))
        {
            throw Corrupt("has an incomplete Huffman code");
        }

        // Symbols in canonical order: by length, then by value.
        Span<int> offsets = stackalloc int[16];
        offsets[1] = 0;
        for (var length = 1; length < 15; length++)
        {
            offsets[length + 1] = offsets[length] + counts[length];
        }

        Span<ushort> sorted = stackalloc ushort[lengths.Length];
        for (var symbol = 0; symbol < lengths.Length; symbol++)
        {
            if (lengths[symbol] != 0)
            {
                sorted[offsets[lengths[symbol]]++] = (ushort)symbol;
            }
        }

        var code = 0; // the next canonical code, MSB first
        var index = 0;
        var next = rootSize; // where the next second-level table starts
        var linkPrefix = -1;
        var linkStart = 0;
        var linkBits = 0;
        for (var length = 1; length <= maxLength; length++)
        {
            for (var k = 0; k < counts[length]; k++, index++, code++)
            {
                var reversed = Reverse(code, length);
                var payload = Entry(sorted[index], alphabet);
                if (length <= rootBits)
                {
                    for (var i = reversed; i < rootSize; i += 1 << length)
                    {
                        table[i] = payload | (uint)length;
                    }

                    continue;
                }

                var prefix = reversed & (rootSize - 1);
                if (prefix != linkPrefix)
                {
                    // Size the new second level so the codes with this prefix fill it (counts left over from here on).
                    linkBits = length - rootBits;
                    var room = 1 << linkBits;
                    var remaining = counts[length] - k;
                    for (var l = length; room > remaining && l < maxLength;)
                    {
                        room = (room - remaining) << 1;
                        linkBits++;
                        l++;
                        remaining = counts[l];
                    }

                    if (next + (1 << linkBits) > table.Length)
                    {
                        throw Corrupt("has a Huffman code too large to decode");
                    }

                    linkPrefix = prefix;
                    linkStart = next;
                    next += 1 << linkBits;
                    table.Slice(linkStart, 1 << linkBits).Fill(InvalidKind);
                    table[prefix] = LinkKind | ((uint)linkStart << 12) | ((uint)linkBits << 8) | (uint)rootBits;
                }

                var subLength = length - rootBits;
                for (var i = reversed >> rootBits; i < 1 << linkBits; i += 1 << subLength)
                {
                    table[linkStart + i] = payload | (uint)subLength;
                }
            }

            code <<= 1;
        }

        if (alphabet == Alphabet.LiteralLength)
        {
            PairLiterals(table, rootBits);
        }
    }

    /// <summary>
    /// Where a first-level literal leaves room for a second whole literal code among the root bits, the entry decodes
    /// both: literal runs then take half the lookups, and each lookup waits on the one before. Descending, an entry's
    /// remainder index (its index shifted by the first code) is below it and still holds a single literal.
    /// </summary>
    private static void PairLiterals(Span<uint> table, int rootBits)
    {
        for (var index = (1 << rootBits) - 1; index >= 0; index--)
        {
            var first = table[index];
            var firstBits = (int)(first & 0xFF);
            if ((int)first >= 0 || firstBits == rootBits)
            {
                continue;
            }

            var second = table[index >> firstBits];
            var secondBits = (int)(second & 0xFF);
            if ((int)second < 0 && firstBits + secondBits <= rootBits)
            {
                table[index] = first + (uint)secondBits + PairFlag + (((second >> 12) & 0xFF) << 20);
            }
        }
    }

    private static uint Entry(int symbol, Alphabet alphabet) => alphabet switch
    {
        Alphabet.CodeLength => (uint)symbol << 12,
        Alphabet.Distance => symbol < 30 ? ((uint)DistanceBase[symbol] << 12) | ((uint)DistanceExtra[symbol] << 8) : InvalidKind,
        _ => symbol switch
        {
            < 256 => LiteralKind | ((uint)symbol << 12),
            256 => EndKind,
            < 286 => ((uint)LengthBase[symbol - 257] << 12) | ((uint)LengthExtra[symbol - 257] << 8),
            _ => InvalidKind,
        },
    };

    private static int Reverse(int code, int length)
    {
        var reversed = 0;
        for (var i = 0; i < length; i++)
        {
            reversed = (reversed << 1) | ((code >> i) & 1);
        }

        return reversed;
    }

    /// <summary>Corrupt, unless the bits that led here came from the padding: then the data was cut short.</summary>
    private static ImageDecodeException Failure(byte* at, int count, byte* end, string what) =>
        at - (count >> 3) > end ? Truncated() : Corrupt(what);

    private static ImageDecodeException Corrupt(string what) => new(DecodeFailure.Corrupt, $"PNG image data {what}");

    private static ImageDecodeException Truncated() => new(DecodeFailure.Truncated, "PNG image data ends early");

    /// <summary>Where a decode stands: the bit buffer, input and output cursors and bounds.</summary>
    private struct Cursor(byte* input, byte* inputEnd, byte* output, byte* outputEnd)
    {
        public readonly byte* InputEnd = inputEnd;

        /// <summary>The last position an 8-byte read may start at: inside the padding.</summary>
        public readonly byte* Safe = inputEnd + InputPadding - sizeof(ulong);
        public readonly byte* OutStart = output;
        public readonly byte* OutEnd = outputEnd;
        public ulong Bits;
        public int Count;
        public byte* At = input;
        public byte* Out = output;

        /// <summary>The end of the bytes whose bits were consumed: those the bit buffer holds were read but not used.</summary>
        public readonly byte* Consumed => At - (Count >> 3);
        public bool Finished;
    }
}
