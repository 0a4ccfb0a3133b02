using System.IO.Compression;

namespace SparkImaging.Fuzz;

/// <summary>
/// Seeds for <see cref="InflateTarget"/>, deterministic: the image data of every PNG fixture, and streams shaped to
/// reach every path of the inflater (stored, fixed and dynamic blocks, long codes, every distance class), each with
/// its exact size, one byte less (data beyond the image) and one byte more (a stream short of the image).
/// </summary>
public static class InflateCorpus
{
    /// <summary>Every seed, in a stable order.</summary>
    public static IReadOnlyList<byte[]> Build(string decodeFixtures)
    {
        var streams = new List<(byte[] Zlib, int Size)>();
        foreach (var file in Directory.GetFiles(decodeFixtures, "*.png").Order(StringComparer.Ordinal))
        {
            var zlib = PngFile.ImageData(File.ReadAllBytes(file));
            streams.Add((zlib, Math.Min(InflatedLength(zlib), ushort.MaxValue)));
        }

        var random = new Random(1950);
        foreach (var size in new[] { 1, 300, 5000, 40_000 })
        {
            var noise = new byte[size];
            random.NextBytes(noise);
            var runs = new byte[size];
            for (var i = 0; i < size; i++)
            {
                runs[i] = (byte)((i / 37 % 5 == 0) ? random.Next(256) : (i / 600) * 7);
            }

            var skewed = new byte[size];
            for (var i = 0; i < size; i++)
            {
                var symbol = 0;
                while (symbol < 40 && random.Next(2) == 0)
                {
                    symbol++;
                }

                skewed[i] = (byte)(symbol * 6);
            }

            foreach (var data in new[] { noise, runs, skewed })
            {
                foreach (var level in new[] { CompressionLevel.NoCompression, CompressionLevel.Fastest, CompressionLevel.SmallestSize })
                {
                    streams.Add((Deflate(data, level), size));
                }
            }
        }

        var seeds = new List<byte[]>();
        foreach (var (zlib, size) in streams)
        {
            seeds.Add(InflateTarget.Input(size, zlib));
            seeds.Add(InflateTarget.Input(size - 1, zlib));
            seeds.Add(InflateTarget.Input(Math.Min(size + 1, ushort.MaxValue), zlib));
        }

        return seeds;
    }

    private static int InflatedLength(byte[] zlib)
    {
        using var stream = new ZLibStream(new MemoryStream(zlib), CompressionMode.Decompress);
        using var output = new MemoryStream();
        stream.CopyTo(output);
        return (int)output.Length;
    }

    private static byte[] Deflate(byte[] data, CompressionLevel level)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, level, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }
}
