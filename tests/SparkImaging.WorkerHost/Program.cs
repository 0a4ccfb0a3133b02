using SparkImaging.WorkerHost;

// Usage: SparkImaging.WorkerHost --assembly-file F --type T --method M --fields FIELDS.json --input IN.arrows --output OUT.arrows
// Exit codes: 0 done, 1 the UDF or the stream failed (message on stderr), 2 bad usage.
WorkerArguments arguments;
try
{
    arguments = WorkerArguments.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"usage: {e.Message}");
    Console.Error.WriteLine(WorkerArguments.Usage);
    return 2;
}

try
{
    // As the worker does before it deserializes any command: dependencies resolve from the search paths.
    var loader = new WorkerAssemblyLoader(WorkerAssemblyLoader.SearchPathsFromEnvironment());
    loader.Register();

    var udf = UdfRebuilder.Rebuild(loader, arguments);
    var stat = GroupedMapExecutor.Execute(udf, arguments.InputPath, arguments.OutputPath);
    Console.WriteLine($"batches {stat.Batches} rows {stat.Rows}");
    LoadReport.Write(Console.Out);
    return 0;
}
catch (Exception e)
{
    // The worker reports a failed task with the exception's full text; the test looks for it on stderr.
    Console.Error.WriteLine(e.ToString());
    return 1;
}
