using System.Diagnostics;
using System.Globalization;
using SparkImaging.Jobs.Tests.Support;

namespace SparkImaging.Jobs.Tests.Reliability;

/// <summary>
/// Runs the real program as a child with a deadline, sampling its peak resident memory (VmHWM in
/// /proc/PID/status, the kernel's high-water mark) while it runs. A run past the deadline is killed and fails the test.
/// </summary>
internal static class MeasuredRun
{
    public static (ProgramResult Result, long PeakBytes) Run(TimeSpan deadline, params string[] args)
    {
        using var process = Process.Start(ProgramRunner.StartInfo(args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var peak = 0L;
        var clock = Stopwatch.StartNew();
        while (!process.WaitForExit(TimeSpan.FromMilliseconds(20)))
        {
            peak = Math.Max(peak, HighWaterMark(process.Id));
            if (clock.Elapsed > deadline)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"sparkimaging {string.Join(' ', args)} hung: still running after {deadline}.");
            }
        }

        return (new ProgramResult(process.ExitCode, stdout.Result, stderr.Result), peak);
    }

    private static long HighWaterMark(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
            // The process ended between the wait and the read.
        }

        return 0;
    }
}
