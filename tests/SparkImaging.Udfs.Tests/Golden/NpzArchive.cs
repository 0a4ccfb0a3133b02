using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace SparkImaging.Udfs.Tests.Golden;

/// <summary>Reads the arrays of a numpy .npz (zip of .npy, little-endian, C order) written by the fixture generator.</summary>
internal sealed partial class NpzArchive
{
    private readonly Dictionary<string, NpyArray> arrays = new(StringComparer.Ordinal);

    public NpzArchive(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            arrays[Path.GetFileNameWithoutExtension(entry.Name)] = Parse(memory.ToArray());
        }
    }

    public bool Contains(string name) => arrays.ContainsKey(name);

    public NpyArray this[string name] => arrays[name];

    private static NpyArray Parse(byte[] bytes)
    {
        var headerLength = bytes[6] == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)) : (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        var headerStart = bytes[6] == 1 ? 10 : 12;
        var header = Encoding.ASCII.GetString(bytes, headerStart, headerLength);
        var descr = DescrPattern().Match(header).Groups[1].Value;
        if (header.Contains("'fortran_order': True", StringComparison.Ordinal))
        {
            throw new NotSupportedException("Fortran-order arrays are not used by the fixtures.");
        }

        var shape = ShapePattern().Match(header).Groups[1].Value
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(int.Parse).ToArray();
        var data = bytes.AsSpan(headerStart + headerLength);
        var count = shape.Aggregate(1, (a, b) => a * b);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = descr switch
            {
                "<f8" => BinaryPrimitives.ReadDoubleLittleEndian(data[(i * 8)..]),
                "<f4" => BinaryPrimitives.ReadSingleLittleEndian(data[(i * 4)..]),
                "<u4" => BinaryPrimitives.ReadUInt32LittleEndian(data[(i * 4)..]),
                _ => throw new NotSupportedException($"dtype {descr}"),
            };
        }

        return new NpyArray(shape, values, descr);
    }

    [GeneratedRegex("'descr': '([^']+)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'shape': \(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
