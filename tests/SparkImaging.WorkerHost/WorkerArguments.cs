namespace SparkImaging.WorkerHost;

/// <summary>
/// What the driver's serialized command tells the worker (the UDF's assembly file, type, method and fields), and the
/// files standing in for the socket Spark streams the group batches through.
/// </summary>
internal sealed record WorkerArguments(string AssemblyFile, string TypeName, string MethodName, string FieldsPath, string InputPath, string OutputPath)
{
    public const string Usage =
        "SparkImaging.WorkerHost --assembly-file SparkImaging.Udfs.dll --type NAMESPACE.TYPE --method NAME --fields FIELDS.json --input IN.arrows --output OUT.arrows";

    public static WorkerArguments Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"'{args[i]}' is not an option followed by a value.", nameof(args));
            }

            if (!values.TryAdd(args[i], args[i + 1]))
            {
                throw new ArgumentException($"'{args[i]}' is given twice.", nameof(args));
            }
        }

        string Take(string name) => values.Remove(name, out var value) && value.Length > 0
            ? value
            : throw new ArgumentException($"'{name}' is missing.", nameof(args));

        var parsed = new WorkerArguments(
            Take("--assembly-file"), Take("--type"), Take("--method"), Take("--fields"), Take("--input"), Take("--output"));
        return values.Count == 0 ? parsed : throw new ArgumentException($"'{values.Keys.First()}' is not an option.", nameof(args));
    }
}
