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
    private const int ModeOffset = 28;
    private const int NoSuchFile = 2;
    private const int PermissionDenied = 13;
    private const int TooManyLinks = 40;

    /// <summary>Null for a regular file (or when the kind cannot be asked); otherwise why it is not read.</summary>
    public static string? WhyNotRegular(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            var status = new byte[256];
            if (Statx(AtCurrentDirectory, path, 0, StatxType, status) != 0)
            {
                return Marshal.GetLastPInvokeError() switch
                {
                    NoSuchFile when Statx(AtCurrentDirectory, path, AtSymlinkNoFollow, StatxType, status) == 0 => "dangling symbolic link",
                    NoSuchFile => "file not found (removed after listing?)",
                    TooManyLinks => "symbolic link loop",
                    PermissionDenied => "permission denied",
                    _ => null, // let the open report it
                };
            }

            return (BitConverter.ToUInt16(status, ModeOffset) & 0xF000) switch
            {
                0x8000 => null,
                0x4000 => "a directory, not a file",
                0x1000 => "not a regular file (a FIFO)",
                0x2000 => "not a regular file (a character device)",
                0x6000 => "not a regular file (a block device)",
                0xC000 => "not a regular file (a socket)",
                _ => "not a regular file",
            };
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] status);
}
