using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Apache.Arrow;

namespace SparkImaging.WorkerHost;

/// <summary>
/// Recreates the UDF as Microsoft.Spark's UdfSerDe does on a worker: the target object without its constructor,
/// its serialized fields set by reflection, and a delegate bound to the method by name.
/// </summary>
internal static class UdfRebuilder
{
    private const BindingFlags InstanceFields = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
    private const BindingFlags AnyMethod = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;

    public static Func<RecordBatch, RecordBatch> Rebuild(WorkerAssemblyLoader loader, WorkerArguments arguments)
    {
        var type = loader.LoadFile(arguments.AssemblyFile).GetType(arguments.TypeName, throwOnError: true)!;
        var method = type.GetMethod(arguments.MethodName, AnyMethod)
            ?? throw new MissingMethodException(type.FullName, arguments.MethodName);

        // The delegate type comes from the method's own signature, as in UdfSerDe.Deserialize; the worker then casts it.
        var funcType = Expression.GetFuncType([.. method.GetParameters().Select(p => p.ParameterType), method.ReturnType]);
        var udf = method.IsStatic
            ? Delegate.CreateDelegate(funcType, method)
            : Delegate.CreateDelegate(funcType, Target(type, arguments.FieldsPath), arguments.MethodName);
        return udf as Func<RecordBatch, RecordBatch>
            ?? throw new InvalidCastException(
                $"{type.FullName}.{arguments.MethodName} is {funcType}, not Func<RecordBatch, RecordBatch> over the worker's "
                + $"Apache.Arrow {typeof(RecordBatch).Assembly.GetName().Version}.");
    }

    /// <summary>
    /// The driver serializes every field of the target not marked [NonSerialized]; here they come as a JSON object of
    /// field name to string, and each such field must be given.
    /// </summary>
    private static object Target(Type type, string fieldsPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(fieldsPath));
        var given = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        var target = RuntimeHelpers.GetUninitializedObject(type);
        foreach (var field in type.GetFields(InstanceFields).Where(f => f.GetCustomAttribute<NonSerializedAttribute>() is null))
        {
            if (!given.Remove(field.Name, out var value))
            {
                throw new ArgumentException($"{fieldsPath} has no value for the serialized field '{field.Name}' of {type.FullName}.");
            }

            if (field.FieldType != typeof(string) || value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                throw new NotSupportedException($"Field '{field.Name}' of {type.FullName} is {field.FieldType}; the stand-in sets string fields only.");
            }

            field.SetValue(target, value.GetString());
        }

        return given.Count == 0
            ? target
            : throw new ArgumentException($"{fieldsPath} names '{given.Keys.First()}', which is no serialized field of {type.FullName}.");
    }
}
