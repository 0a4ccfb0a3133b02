namespace SparkImaging.Udfs.Archives;

/// <summary>One member of an archive as its header describes it.</summary>
/// <param name="Name">The member's name as stored, without a leading <c>./</c>.</param>
/// <param name="Modified">Its modification time, when the archive records one.</param>
/// <param name="Length">Its length in bytes, as declared.</param>
public readonly record struct ArchiveMember(string Name, DateTimeOffset? Modified, long Length);
