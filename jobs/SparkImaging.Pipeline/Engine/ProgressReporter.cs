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
    private long inputsDone;
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

    /// <summary>Inputs finished: a file with its row, an archive once read (its rows come through <see cref="Add"/>).</summary>
    public void AddInputs(int inputs) => Interlocked.Add(ref inputsDone, inputs);

    /// <summary>Rows written, and how many of them failed.</summary>
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
        task.Value = Interlocked.Read(ref inputsDone);
        task.Description = Markup.Escape(Describe());
    }

    private string Line()
    {
        var inputs = Interlocked.Read(ref inputsDone);
        var rows = Interlocked.Read(ref done);
        var inputRate = Rate(inputs);
        var eta = inputRate > 0 ? TimeSpan.FromSeconds((total - inputs) / inputRate).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) : "--:--:--";
        return string.Create(CultureInfo.InvariantCulture, $"featurize: {Count(inputs, rows)} ({100.0 * inputs / Math.Max(1, total):F1}%), {Interlocked.Read(ref failed)} failed, {Rate(rows):F1} images/s, ETA {eta}");
    }

    private string Describe()
    {
        var rows = Interlocked.Read(ref done);
        return string.Create(CultureInfo.InvariantCulture, $"{Count(Interlocked.Read(ref inputsDone), rows)}, {Interlocked.Read(ref failed)} failed, {Rate(rows):F1}/s");
    }

    /// <summary>Images out of the inputs' count; with archives, whose images are counted only as they are read, inputs and images apart.</summary>
    private string Count(long inputs, long rows) =>
        inputs == rows ? string.Create(CultureInfo.InvariantCulture, $"{rows}/{total} images") : string.Create(CultureInfo.InvariantCulture, $"{inputs}/{total} inputs, {rows} images");

    private double Rate(long current) => current / Math.Max(clock.Elapsed.TotalSeconds, 1e-3);
}
