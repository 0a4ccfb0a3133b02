using System.Runtime.InteropServices;

namespace SparkImaging.Pipeline.Engine;

/// <summary>
/// What kind of file system entry a path is, asked before opening it: opening a FIFO blocks until a writer comes,
/// and a character device (<c>/dev/zero</c>) never ends, so only regular files are read. Linux only (statx, whose
/// layout is the same on every architecture); elsewhere every path counts as regular and the open decides.
/// </summary>
internal static class FileKind
{
    private const int AtCurrentDirectory = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const uint StatxModificationTime = 0x40;
    private const uint StatxSize = 0x200;
    private const int MaskOffset = 0;
    private const int ModeOffset = 28;
    private const int SizeOffset = 40;
    private const int ModificationTimeOffset = 112;
    private const int SymbolicLink = 0xA000;
    private const int NoSuchFile = 2;
    private const int PermissionDenied = 13;
    private const int TooManyLinks = 40;

    /// <summary>Null for a regular file (or when the kind cannot be asked); otherwise why it is not read.</summary>
    public static string? WhyNotRegular(string path) => Inspect(path).WhyNotRegular;

    /// <summary>
    /// The kind of <paramref name="path"/> (that of a link's target), and its length and modification time as
    /// <see cref="FileInfo"/> reports them (a link's own), from one <c>statx</c> for a file that is not a link: a run
    /// over many small files asked the system about each path three times before opening it.
    /// </summary>
    public static FileFacts Inspect(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return new FileFacts(null, null, null);
        }

        try
        {
            var status = new byte[256];
            if (Statx(AtCurrentDirectory, path, AtSymlinkNoFollow, StatxType | StatxSize | StatxModificationTime, status) != 0)
            {
                return new FileFacts(
                    Marshal.GetLastPInvokeError() switch
                    {
                        NoSuchFile => "file not found (removed after listing?)",
                        TooManyLinks => "symbolic link loop",
                        PermissionDenied => "permission denied",
                        _ => null, // let the open report it
                    },
                    null,
                    null);
            }

            var (length, time) = SizeAndTime(status);
            if (Type(status) != SymbolicLink)
            {
                return new FileFacts(WhyNot(Type(status)), length, time);
            }

            if (Statx(AtCurrentDirectory, path, 0, StatxType, status) != 0)
            {
                return new FileFacts(
                    Marshal.GetLastPInvokeError() switch
                    {
                        NoSuchFile => "dangling symbolic link",
                        TooManyLinks => "symbolic link loop",
                        PermissionDenied => "permission denied",
                        _ => null,
                    },
                    length,
                    time);
            }

            return new FileFacts(WhyNot(Type(status)), length, time);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return new FileFacts(null, null, null);
        }
    }

    private static int Type(byte[] status) => BitConverter.ToUInt16(status, ModeOffset) & 0xF000;

    private static string? WhyNot(int type) => type switch
    {
        0x8000 => null,
        0x4000 => "a directory, not a file",
        0x1000 => "not a regular file (a FIFO)",
        0x2000 => "not a regular file (a character device)",
        0x6000 => "not a regular file (a block device)",
        0xC000 => "not a regular file (a socket)",
        _ => "not a regular file",
    };

    /// <summary>
    /// Length and modification time, converted as the runtime converts them for <see cref="FileInfo"/> (whole
    /// seconds, then nanoseconds in 100-ns ticks); null when the file system did not report both.
    /// </summary>
    private static (long? Length, DateTimeOffset? Time) SizeAndTime(byte[] status)
    {
        var reported = BitConverter.ToUInt32(status, MaskOffset);
        if ((reported & (StatxSize | StatxModificationTime)) != (StatxSize | StatxModificationTime))
        {
            return (null, null);
        }

        var seconds = BitConverter.ToInt64(status, ModificationTimeOffset);
        var nanoseconds = BitConverter.ToUInt32(status, ModificationTimeOffset + 8);
        return (BitConverter.ToInt64(status, SizeOffset), DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(nanoseconds / 100));
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] status);
}
