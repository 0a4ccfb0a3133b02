namespace SparkImaging.Pipeline.Engine;

/// <summary>
/// What one look at a path before it is opened tells: why it is not read (null for a regular file, or when the kind
/// cannot be asked), and, when the system reported them, the length and modification time that
/// <see cref="FileInfo"/> gives for the path (for a symbolic link, those of the link itself).
/// </summary>
/// <param name="WhyNotRegular">Null for a regular file; otherwise the reason, in a few words.</param>
/// <param name="Length">As <see cref="FileInfo.Length"/>; null when unknown (ask <see cref="FileInfo"/>).</param>
/// <param name="LastWriteTime">As <see cref="FileSystemInfo.LastWriteTimeUtc"/>; null when unknown.</param>
internal readonly record struct FileFacts(string? WhyNotRegular, long? Length, DateTimeOffset? LastWriteTime);
