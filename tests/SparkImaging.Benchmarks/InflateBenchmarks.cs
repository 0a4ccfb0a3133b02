using System.Buffers.Binary;
using System.IO.Compression;
using BenchmarkDotNet.Attributes;
using SparkImaging.Udfs.Imaging;

namespace SparkImaging.Benchmarks;

/// <summary>
/// The benchmark PNG's image data (one zlib stream, about 1 MB of filtered RGBA rows) inflated by .NET's zlib
/// (zlib-ng since .NET 9; baseline) and by our inflate, into a buffer made once.
/// </summary>
[MemoryDiagnoser]
public class InflateBenchmarks
{
    private readonly byte[] padded;
    private readonly int length;
    private readonly int wanted;
    private readonly byte[] output;

    public InflateBenchmarks()
    {
        var png = BenchImages.Png;
        var data = new MemoryStream();
        for (var at = 8; at + 12 <= png.Length;)
        {
            var size = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            if (png.AsSpan(at + 4, 4).SequenceEqual("IDAT"u8))
            {
                data.Write(png, at + 8, size);
            }

            at += 12 + size;
        }

        length = (int)data.Length;
        data.Write(new byte[ZlibInflater.InputPadding]);
        padded = data.ToArray();
        var header = PngHeader.Read(png);
        wanted = header.Height * (1 + (header.Width * header.Channels));
        output = new byte[wanted + ZlibInflater.OutputSlack];
    }

    [Benchmark(Baseline = true)]
    public int DotNetZlib()
    {
        using var zlib = new ZLibStream(new MemoryStream(padded, 0, length), CompressionMode.Decompress);
        zlib.ReadExactly(output.AsSpan(0, wanted));
        return output[wanted - 1];
    }

    [Benchmark]
    public int Ours()
    {
        ZlibInflater.Inflate(padded, length, output, wanted);
        return output[wanted - 1];
    }
}
