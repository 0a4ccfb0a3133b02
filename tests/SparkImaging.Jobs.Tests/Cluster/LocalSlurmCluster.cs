using System.Net;
using System.Net.Sockets;

namespace SparkImaging.Jobs.Tests.Cluster;

/// <summary>
/// A one-node Slurm cluster on localhost, started and stopped by scripts/slurm/local-cluster.sh so the
/// test exercises the same steps a developer uses. Disposing stops every daemon it started.
/// </summary>
internal sealed class LocalSlurmCluster : IAsyncDisposable
{
    // Covers apt-get update + install of slurm-wlm and munge on a clean machine.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, string> _scriptEnvironment;

    private LocalSlurmCluster(string directory, Dictionary<string, string> scriptEnvironment)
    {
        Directory = directory;
        _scriptEnvironment = scriptEnvironment;
    }

    public string Directory { get; }

    public string ConfigPath => Path.Combine(Directory, "slurm.conf");

    /// <summary>What sbatch, squeue and scontrol need to talk to this cluster rather than a system one.</summary>
    public IReadOnlyDictionary<string, string> ClientEnvironment => new Dictionary<string, string> { ["SLURM_CONF"] = ConfigPath };

    public static async Task<LocalSlurmCluster> StartAsync(string directory)
    {
        // Free ports rather than Slurm's defaults, so a developer's cluster or a parallel run cannot collide.
        var environment = new Dictionary<string, string>
        {
            ["SLURM_LOCAL_DIR"] = directory,
            ["SLURMCTLD_PORT"] = FreeLoopbackPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SLURMD_PORT"] = FreeLoopbackPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var cluster = new LocalSlurmCluster(directory, environment);
        CommandResult started;
        try
        {
            started = await ChildProcess.RunAsync("bash", [ClusterTestPaths.LocalClusterScript, "start"], StartTimeout, environment);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        if (!started.Succeeded)
        {
            await cluster.DisposeAsync();
            throw new InvalidOperationException(
                $"could not start the local Slurm cluster (needs root and apt-get to install slurm-wlm and munge):\n{started.Describe()}");
        }

        return cluster;
    }

    /// <summary>The last lines of the controller and node logs, for a failure message.</summary>
    public string LogTail(int lines = 30)
    {
        var text = new System.Text.StringBuilder();
        foreach (var name in new[] { "slurmctld.log", "slurmd.log" })
        {
            var path = Path.Combine(Directory, "log", name);
            if (File.Exists(path))
            {
                text.Append("--- ").Append(name).AppendLine(" ---");
                foreach (var line in File.ReadLines(path).TakeLast(lines))
                {
                    text.AppendLine(line);
                }
            }
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        CommandResult? stopped = null;
        try
        {
            stopped = await ChildProcess.RunAsync("bash", [ClusterTestPaths.LocalClusterScript, "stop"], StopTimeout, _scriptEnvironment);
        }
        finally
        {
            // Whatever the script managed, no daemon of ours may outlive the test.
            KillDaemonsStillRunning();
        }

        if (!stopped.Succeeded)
        {
            throw new InvalidOperationException($"could not stop the local Slurm cluster:\n{stopped.Describe()}");
        }
    }

    private void KillDaemonsStillRunning()
    {
        foreach (var name in new[] { "slurmd", "slurmctld", "munged" })
        {
            var pidFile = Path.Combine(Directory, "run", name + ".pid");
            if (!File.Exists(pidFile)
                || !int.TryParse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                if (process.ProcessName.StartsWith(name, StringComparison.Ordinal))
                {
                    process.Kill();
                }
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
