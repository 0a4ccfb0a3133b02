using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Spectre.Console;

namespace SparkImaging.Pipeline.Engine;

/// <summary>
/// Shows progress while a run goes: a live bar with count, rate and ETA on a terminal, otherwise a plain
/// log line every few seconds (batch schedulers capture those into their logs).
/// </summary>
internal sealed class ProgressReporter
{
    private readonly long total;
    private readonly TextWriter log;
    private readonly TimeSpan logInterval;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private long done;
    private long failed;

    public ProgressReporter(long total, TextWriter log, TimeSpan logInterval)
    {
        this.total = total;
        this.log = log;
        this.logInterval = logInterval;
    }

    /// <summary>Runs until <paramref name="finished"/> completes.</summary>
    /// <remarks>
    /// Spectre.Console is touched only on a terminal, from methods of its own: batch runs (redirected output) do not
    /// pay for loading it.
    /// </remarks>
    public Task RunAsync(Task finished) =>
        Console.IsErrorRedirected || Console.IsOutputRedirected || !TerminalIsInteractive() ? LogAsync(finished) : ShowBarAsync(finished);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool TerminalIsInteractive() => AnsiConsole.Profile.Capabilities.Interactive;

    public void Add(int rows, int errors)
    {
        Interlocked.Add(ref done, rows);
        Interlocked.Add(ref failed, errors);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private async Task ShowBarAsync(Task finished)
    {
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("featurize", maxValue: Math.Max(1, total));
                while (!finished.IsCompleted)
                {
                    Update(task);
                    await Task.WhenAny(finished, Task.Delay(250));
                }

                Update(task);
            });
    }

    private async Task LogAsync(Task finished)
    {
        while (!finished.IsCompleted)
        {
            await Task.WhenAny(finished, Task.Delay(logInterval));
            if (!finished.IsCompleted)
            {
                await log.WriteLineAsync(Line());
            }
        }
    }

    private void Update(ProgressTask task)
    {
        task.Value = Interlocked.Read(ref done);
        task.Description = Markup.Escape(Describe());
    }

    private string Line()
    {
        var current = Interlocked.Read(ref done);
        var rate = Rate(current);
        var eta = rate > 0 ? TimeSpan.FromSeconds((total - current) / rate).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) : "--:--:--";
        return string.Create(CultureInfo.InvariantCulture, $"featurize: {current}/{total} images ({100.0 * current / Math.Max(1, total):F1}%), {Interlocked.Read(ref failed)} failed, {rate:F1} images/s, ETA {eta}");
    }

    private string Describe()
    {
        var current = Interlocked.Read(ref done);
        return string.Create(CultureInfo.InvariantCulture, $"{current}/{total} images, {Interlocked.Read(ref failed)} failed, {Rate(current):F1}/s");
    }

    private double Rate(long current) => current / Math.Max(clock.Elapsed.TotalSeconds, 1e-3);
}
