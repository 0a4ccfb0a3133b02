using System.Reflection;
using System.Runtime.Loader;

namespace SparkImaging.WorkerHost;

/// <summary>
/// Loads assemblies the way Microsoft.Spark.Worker 2.3.1 does on .NET: from the comma-separated
/// <c>DOTNET_ASSEMBLY_SEARCH_PATHS</c> (trimmed; an entry starting with "." is under the working directory), then the
/// working directory, then the application's directory; by file name into the default load context, and for a
/// dependency the runtime cannot find (SkiaSharp, ...) through the default context's Resolving event. Native
/// libraries are not copied anywhere: the runtime probes the directory of the assembly that imports them.
/// </summary>
/// <remarks>
/// The worker's net8.0 build swaps AssemblyLoader's <c>Assembly.LoadFrom</c> for
/// <c>AssemblyLoadContext.Default.LoadFromAssemblyPath</c> and hooks <c>AssemblyLoadContext.Default.Resolving</c>
/// (AssemblyLoaderHelper, under NETCOREAPP). This does the same: LoadFrom would also resolve an assembly's
/// dependencies from its own folder, which would hide a search path the worker would miss.
/// </remarks>
internal sealed class WorkerAssemblyLoader
{
    public const string SearchPathsVariable = "DOTNET_ASSEMBLY_SEARCH_PATHS";

    private static readonly string[] Extensions = [".dll", ".ni.dll"];

    private readonly IReadOnlyList<string> searchPaths;
    private readonly Dictionary<string, Assembly> loaded = new(StringComparer.Ordinal);
    private readonly object gate = new();

    public WorkerAssemblyLoader(IReadOnlyList<string> searchPaths)
    {
        ArgumentNullException.ThrowIfNull(searchPaths);
        this.searchPaths = searchPaths;
    }

    /// <summary>The variable's entries, then the working directory, then the application's directory.</summary>
    public static IReadOnlyList<string> SearchPathsFromEnvironment()
    {
        var paths = new List<string>();
        var variable = Environment.GetEnvironmentVariable(SearchPathsVariable);
        if (!string.IsNullOrEmpty(variable))
        {
            foreach (var entry in variable.Split(','))
            {
                var trimmed = entry.Trim();
                paths.Add(trimmed.StartsWith('.') ? Path.Combine(Directory.GetCurrentDirectory(), trimmed) : trimmed);
            }
        }

        paths.Add(Directory.GetCurrentDirectory());
        paths.Add(AppContext.BaseDirectory);
        return paths;
    }

    public void Register() => AssemblyLoadContext.Default.Resolving += (_, name) => Resolve(name.FullName);

    /// <summary>The assembly the serialized type names, by its file name (UdfSerDe's TypeData.AssemblyFileName).</summary>
    public Assembly LoadFile(string assemblyFileName) =>
        TryLoad(assemblyFileName, assemblyFileName)
        ?? throw new FileNotFoundException(
            $"Assembly file '{assemblyFileName}' not found in {SearchPathsVariable} or the default paths: {string.Join(", ", searchPaths)}");

    private Assembly? Resolve(string assemblyName)
    {
        var simpleName = new AssemblyName(assemblyName).Name;
        return simpleName is null ? null : Extensions.Select(e => TryLoad(assemblyName, simpleName + e)).FirstOrDefault(a => a is not null);
    }

    private Assembly? TryLoad(string cacheKey, string fileName)
    {
        lock (gate)
        {
            if (loaded.TryGetValue(cacheKey, out var cached))
            {
                return cached;
            }

            foreach (var directory in searchPaths)
            {
                var file = new FileInfo(Path.Combine(directory, fileName));
                if (!file.Exists)
                {
                    continue;
                }

                try
                {
                    var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(file.FullName);
                    loaded[cacheKey] = assembly;
                    return assembly;
                }
                catch (Exception e) when (e is FileLoadException or BadImageFormatException)
                {
                    // As the worker: a file that is not a loadable assembly is skipped, the next path may have one.
                }
            }

            return null;
        }
    }
}
