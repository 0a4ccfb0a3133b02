using Apache.Arrow;
using Apache.Arrow.Types;
using SparkImaging.Udfs.Archives;
using SparkImaging.Udfs.Imaging;
using SparkImaging.Udfs.Memory;

namespace SparkImaging.Udfs.Features;

/// <summary>
/// The per-batch function shared by the Spark UDF and the local engine: a batch of binaryFile rows
/// (path, modificationTime, length, content, optional label) → a batch of feature-table rows, one per image: one per
/// input, or, for an archive, one per image member (see <see cref="ArchiveReader"/>). A failing image becomes a row
/// with <c>error</c> set; it never fails the batch. The output path is <see cref="InputPath.Normalize"/>d, so Spark's
/// <c>file:</c> URIs and the command line's paths are written alike.
/// </summary>
/// <remarks>
/// Runs in Microsoft.Spark.Worker on the worker's own Apache.Arrow (14.0.2), which is why udfs/ compiles against it.
/// </remarks>
public static class FeatureBatch
{
    /// <summary>Computes the features of every row of <paramref name="input"/>.</summary>
    /// <param name="input">binaryFile rows; a null <c>content</c> row takes its <c>read_error</c> as its error.</param>
    /// <param name="featurizer">The per-image function.</param>
    /// <param name="expandArchives">
    /// Whether a row holding an archive becomes its members' rows (Spark, where binaryFile hands over whole archives).
    /// The local engine streams archives from disk itself and passes false.
    /// </param>
    public static RecordBatch Compute(RecordBatch input, ImageFeaturizer featurizer, bool expandArchives = true)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(featurizer);
        var paths = Column<StringArray>(input, FeatureColumns.Path, required: true)!;
        var contents = Column<BinaryArray>(input, FeatureColumns.Content, required: true)!;
        var labels = Column<StringArray>(input, FeatureColumns.Label, required: false);
        var readErrors = Column<StringArray>(input, FeatureColumns.ReadError, required: false);

        var builder = new FeatureRowsBuilder(featurizer.Spec);
        for (var row = 0; row < input.Length; row++)
        {
            var path = paths.GetString(row) ?? throw new ArgumentException($"Row {row} of the batch has a null '{FeatureColumns.Path}'.", nameof(input));
            var label = labels?.GetString(row);
            if (contents.IsNull(row))
            {
                var error = readErrors?.GetString(row) ?? $"{ImageDecodeException.Name(DecodeFailure.Unreadable)}: no content";
                builder.Append(InputPath.Normalize(path), label, ImageFeatures.Failed(error));
                continue;
            }

            var content = contents.GetBytes(row);
            var archive = expandArchives ? ArchiveDetector.Detect(path, content[..Math.Min(content.Length, ArchiveDetector.HeadLength)]) : ArchiveFormat.None;
            if (archive != ArchiveFormat.None)
            {
                AppendArchive(builder, featurizer, InputPath.Normalize(path), label, content, archive);
                continue;
            }

            builder.Append(InputPath.Normalize(path), label, FeaturizeGuarded(featurizer, content));
        }

        return builder.Build();
    }

    /// <summary>
    /// The rows of an archive held in memory: one per image member, labelled by <see cref="ArchivePath.MemberLabel"/>
    /// from the archive row's label, and one for the archive itself when it could not be read to its end.
    /// </summary>
    private static unsafe void AppendArchive(FeatureRowsBuilder builder, ImageFeaturizer featurizer, string archivePath, string? archiveLabel, ReadOnlySpan<byte> content, ArchiveFormat format)
    {
        var sink = new MemberRows(builder, featurizer, archivePath, archiveLabel);
        ArchiveListing listing;
        fixed (byte* start = content)
        {
            using var stream = new UnmanagedMemoryStream(start, content.Length);
            listing = ArchiveReader.Read(stream, format, long.MaxValue, sink);
        }

        if (listing.ArchiveRowError is { } error)
        {
            builder.Append(archivePath, archiveLabel, ImageFeatures.Failed(error));
        }
    }

    /// <summary>Featurizes members as the archive is read, one pooled buffer a member.</summary>
    private sealed class MemberRows(FeatureRowsBuilder builder, ImageFeaturizer featurizer, string archivePath, string? archiveLabel) : IArchiveMemberSink
    {
        public void Image(ArchiveMember member, Stream content)
        {
            using var bytes = new PooledBuffer<byte>((int)member.Length);
            var features = ArchiveReader.ReadContent(content, bytes.Span) is { } error
                ? ImageFeatures.Failed(error)
                : FeaturizeGuarded(featurizer, bytes.Span);
            builder.Append(ArchivePath.Of(archivePath, member.Name), ArchivePath.MemberLabel(member.Name, archiveLabel), features);
        }

        public void Failed(ArchiveMember member, string error) =>
            builder.Append(ArchivePath.Of(archivePath, member.Name), ArchivePath.MemberLabel(member.Name, archiveLabel), ImageFeatures.Failed(error));
    }

    /// <summary>Same, building the featurizer from a spec.</summary>
    public static RecordBatch Compute(RecordBatch input, FeatureSpec spec) => Compute(input, new ImageFeaturizer(spec));

    private static ImageFeatures FeaturizeGuarded(ImageFeaturizer featurizer, ReadOnlySpan<byte> content)
    {
        try
        {
            return featurizer.Featurize(content);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A codec bug on one hostile file must not lose the other rows of the batch.
            return ImageFeatures.Failed($"{ImageDecodeException.Name(DecodeFailure.Corrupt)}: decoder failed ({e.GetType().Name})");
        }
    }

    private static T? Column<T>(RecordBatch batch, string name, bool required)
        where T : class, IArrowArray
    {
        var index = FieldIndex(batch.Schema, name);
        if (index < 0)
        {
            return required ? throw new ArgumentException($"The batch has no '{name}' column; binaryFile rows need path and content.", nameof(batch)) : null;
        }

        return batch.Column(index) as T
            ?? throw new ArgumentException($"Column '{name}' is {batch.Schema.GetFieldByIndex(index).DataType.Name}, expected {typeof(T).Name}.", nameof(batch));
    }

    /// <summary>
    /// The first column named <paramref name="name"/> (ordinal), or -1. Not <c>Schema.GetFieldIndex</c>: on the
    /// worker's Arrow 14.0.2 it throws InvalidOperationException for an absent name (Arrow 23 returns -1), and
    /// <c>read_error</c> and <c>label</c> are often absent.
    /// </summary>
    private static int FieldIndex(Schema schema, string name)
    {
        var fields = schema.FieldsList;
        for (var i = 0; i < fields.Count; i++)
        {
            if (string.Equals(fields[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
