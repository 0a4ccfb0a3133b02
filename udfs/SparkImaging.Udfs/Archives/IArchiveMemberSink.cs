namespace SparkImaging.Udfs.Archives;

/// <summary>Receives the members of an archive that become rows, in archive order, as <see cref="ArchiveReader"/> reads it.</summary>
public interface IArchiveMemberSink
{
    /// <summary>
    /// An image member to read: <paramref name="content"/> yields its bytes and is valid only during the call (the
    /// archive moves on after it). Read it with <see cref="ArchiveReader.ReadContent"/>, which checks the declared length.
    /// </summary>
    void Image(ArchiveMember member, Stream content);

    /// <summary>A member that becomes an error row (a link, an unsafe or repeated name, a nested archive, too large).</summary>
    void Failed(ArchiveMember member, string error);
}
