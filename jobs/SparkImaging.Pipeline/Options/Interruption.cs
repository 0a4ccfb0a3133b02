using System.Runtime.InteropServices;

namespace SparkImaging.Pipeline.Options;

/// <summary>
/// Ctrl-C and SIGTERM as a cancellation: the first signal cancels <see cref="Token"/> so the run stops cleanly (committed
/// part files stay, nothing partial is committed) and the host exits 130 or 143; a second signal ends the process at once.
/// </summary>
internal static class Interruption
{
    private static readonly CancellationTokenSource Source = new();
    private static int exitCode = ExitCodes.InterruptedBySigint;

    /// <summary>Cancelled by the first signal.</summary>
    public static CancellationToken Token => Source.Token;

    /// <summary>130 after SIGINT, 143 after SIGTERM.</summary>
    public static int ExitCode => Volatile.Read(ref exitCode);

    /// <summary>Handles SIGINT and SIGTERM until disposed.</summary>
    public static IDisposable Listen() => new Registrations(
        PosixSignalRegistration.Create(PosixSignal.SIGINT, context => OnSignal(context, ExitCodes.InterruptedBySigint)),
        PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => OnSignal(context, ExitCodes.InterruptedBySigterm)));

    private static void OnSignal(PosixSignalContext context, int code)
    {
        if (Source.IsCancellationRequested)
        {
            // A second signal: the default action, the process ends now.
            return;
        }

        context.Cancel = true;
        Volatile.Write(ref exitCode, code);
        Source.Cancel();
    }

    private sealed class Registrations(params PosixSignalRegistration[] registrations) : IDisposable
    {
        public void Dispose()
        {
            foreach (var registration in registrations)
            {
                registration.Dispose();
            }
        }
    }
}
