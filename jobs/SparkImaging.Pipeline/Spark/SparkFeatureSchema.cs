using System.Text.Json;
using Apache.Arrow;
using Apache.Arrow.Types;
using SparkImaging.Udfs.Features;

namespace SparkImaging.Pipeline.Spark;

/// <summary>
/// The UDF's return type for Spark, derived from the Arrow schema the UDF writes (<see cref="FeatureSchema.Features"/>),
/// as the JSON that Microsoft.Spark's <c>DataType.ParseDataType</c> reads. Spark maps the UDF's columns to these fields by
/// position and reads each with the declared type, so the two must agree field for field; deriving one from the other keeps them so.
/// </summary>
public static class SparkFeatureSchema
{
    /// <summary>The Spark schema JSON of a feature spec's table.</summary>
    public static string Json(FeatureSpec spec) => Json(FeatureSchema.Features(spec));

    /// <summary>
    /// Spark's JSON for an Arrow schema, written as Spark writes it (compact, keys in order), following Spark's own Arrow
    /// type mapping (ArrowUtils): utf8 → string, int32 → integer, int64 → long, float → float, double → double,
    /// binary → binary, bool → boolean, list → array.
    /// </summary>
    /// <exception cref="NotSupportedException">A field has a type this mapping does not cover.</exception>
    public static string Json(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("fields");
            foreach (var field in schema.FieldsList)
            {
                json.WriteStartObject();
                json.WriteStartObject("metadata");
                json.WriteEndObject();
                json.WriteString("name", field.Name);
                json.WriteBoolean("nullable", field.IsNullable);
                json.WritePropertyName("type");
                WriteType(json, field.DataType, field.Name);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("type", "struct");
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteType(Utf8JsonWriter json, IArrowType type, string field)
    {
        switch (type)
        {
            case ListType list:
                json.WriteStartObject();
                json.WriteBoolean("containsNull", list.ValueField.IsNullable);
                json.WritePropertyName("elementType");
                WriteType(json, list.ValueDataType, field);
                json.WriteString("type", "array");
                json.WriteEndObject();
                break;
            default:
                json.WriteStringValue(SimpleTypeName(type) ?? throw new NotSupportedException($"Column '{field}' has Arrow type {type.Name}, which has no Spark type here."));
                break;
        }
    }

    private static string? SimpleTypeName(IArrowType type) => type.TypeId switch
    {
        ArrowTypeId.String => "string",
        ArrowTypeId.Int32 => "integer",
        ArrowTypeId.Int64 => "long",
        ArrowTypeId.Float => "float",
        ArrowTypeId.Double => "double",
        ArrowTypeId.Binary => "binary",
        ArrowTypeId.Boolean => "boolean",
        _ => null,
    };
}
