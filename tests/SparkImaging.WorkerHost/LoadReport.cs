using System.Reflection;
using System.Runtime.InteropServices;

namespace SparkImaging.WorkerHost;

/// <summary>
/// Where the runtime, the managed assemblies and the native libraries of this run came from, so a test can check
/// that the UDF ran on .NET 8 and the worker's Arrow, with its own files found only through the search paths.
/// </summary>
internal static class LoadReport
{
    public static void Write(TextWriter output)
    {
        output.WriteLine($"runtime {Environment.Version} {RuntimeInformation.FrameworkDescription}");
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies().OrderBy(a => a.GetName().Name, StringComparer.Ordinal))
        {
            var name = assembly.GetName();
            var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];
            output.WriteLine($"assembly {name.Name} {name.Version} {informational ?? "-"} {assembly.Location}");
        }

        // Linux only, as the worker stand-in is: every shared object mapped into this process.
        foreach (var library in File.ReadLines("/proc/self/maps")
                     .Select(line => line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries))
                     .Where(fields => fields.Length == 6 && fields[5].Contains(".so", StringComparison.Ordinal))
                     .Select(fields => fields[5].Trim())
                     .Distinct(StringComparer.Ordinal)
                     .Order(StringComparer.Ordinal))
        {
            output.WriteLine($"native {library}");
        }
    }
}
