using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Apache.Arrow;
using SparkImaging.Pipeline.Dataset;
using SparkImaging.Pipeline.Inputs;
using SparkImaging.Udfs.Archives;
using SparkImaging.Udfs.Features;
using SparkImaging.Udfs.Imaging;

namespace SparkImaging.Pipeline.Engine;

/// <summary>
/// The embedded local engine: lists inputs lazily, reads and featurizes them on all workers through the shared
/// batch function, and commits Parquet part files as they fill. Queues are bounded, so memory depends on the
/// worker count, batch size and rows per file, not on the number of images.
/// </summary>
public sealed class LocalEngine
{
    private readonly FeaturizeOptions options;
    private readonly RowTransform output;
    private readonly TextWriter log;

    /// <summary>Rows in the part files this run has committed so far (read when it is interrupted).</summary>
    private long committedThisRun;

    /// <summary>Creates an engine writing <paramref name="output"/>'s rows.</summary>
    public LocalEngine(FeaturizeOptions options, RowTransform output, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Workers < 1)
        {
            throw new PipelineException(PipelineErrorKind.InvalidRequest, $"--workers must be at least 1; got {options.Workers}.");
        }

        ErrorBudget.Check(options.MaxErrorFraction);

        this.options = options;
        this.output = output;
        this.log = log;
    }

    /// <summary>The plain featurize output: feature rows and the spec's metadata.</summary>
    public static RowTransform FeatureRows(FeatureSpec spec) => new(FeatureSchema.Features(spec), DatasetMetadata.For(spec), static batch => batch);

    /// <summary>Runs to completion (or cancellation, keeping what was committed).</summary>
    public async Task<FeaturizeSummary> RunAsync(CancellationToken cancellationToken)
    {
        CheckOutputPath(options.Output);
        DecoderSettings.PngRoute = options.PngRoute;
        DecoderSettings.JpegRoute = options.JpegRoute;
        var inputs = new InputResolver(options.Inputs, options.AllFiles ? null : InputNames.IsTaken, [options.Output, .. options.ExcludeFromInputs]);
        var featurizer = new ImageFeaturizer(options.Spec);
        var warmup = Warmup.Start(featurizer, output, inputs);
        var labels = options.LabelsCsv is null ? LabelResolver.ParentDirectory : LabelResolver.FromCsv(options.LabelsCsv);

        // Every input and its label are checked before the output is touched, so a refused run leaves nothing behind.
        var coverage = labels.IsCsv ? new LabelCoverage(labels, options.LabelsCsv!) : null;
        var inputSet = default(InputSet);
        foreach (var path in inputs.Enumerate())
        {
            inputSet = inputSet.Add(path);
            if (coverage is not null)
            {
                ArchiveFile.CoverMembers(path, coverage);
            }
        }

        if (inputSet.Count == 0)
        {
            throw new PipelineException(PipelineErrorKind.NoInput, $"No input found in {string.Join(", ", options.Inputs.Select(i => $"'{i}'"))} (directories are searched for {string.Join(' ', InputNames.ImageExtensions.Concat(InputNames.ArchiveSuffixes).Order(StringComparer.Ordinal))}; use --all-files for every file).");
        }

        coverage?.Report(options.AllowUnlabeled, log);
        var dataset = new DatasetDirectory(options.Output);
        Directory.CreateDirectory(dataset.Root);
        using var shardLock = dataset.LockShard(options.Shard);
        if (options.Overwrite)
        {
            dataset.RemoveDataset();
        }

        var extras = new CsvColumns(labels);
        var writtenSchema = extras.Extend(output.Schema);
        var written = new RowTransform(writtenSchema, extras.Describe(output.Metadata), batch => extras.Append(output.Apply(batch), writtenSchema));
        var committed = await CommittedRows.ReadAsync(dataset, cancellationToken);
        CheckCompatible(committed, written);

        long shardInputs = 0, alreadyCommitted = 0;
        foreach (var path in inputs.Enumerate())
        {
            if (options.Shard.Contains(path))
            {
                shardInputs++;
                alreadyCommitted += committed.Covers(path) ? 1 : 0;
            }
        }

        CheckExisting(committed, dataset.ReadInputSet(), inputSet, alreadyCommitted);
        dataset.WriteInputSet(inputSet);

        var clock = Stopwatch.StartNew();
        var pending = shardInputs - alreadyCommitted;
        RunResult result;
        var archives = new ArchiveCompletion();
        try
        {
            result = pending == 0 ? new RunResult(new Dictionary<string, long>(), 0, 0, []) : await ProcessAsync(inputs, labels, committed, archives, dataset, pending, featurizer, written, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw new PipelineException(
                PipelineErrorKind.Interrupted,
                $"interrupted: {alreadyCommitted + Interlocked.Read(ref committedThisRun)} rows committed, rerun with --resume to finish.");
        }

        await ReportFailureAsync(warmup);

        // One shard covers every input, all now committed; only shards need to look at what the others did.
        var complete = options.Shard.Count == 1 || await IsCompleteAsync(inputs, dataset, cancellationToken);
        if (complete)
        {
            dataset.WriteSuccess(string.Empty);
        }

        return new FeaturizeSummary
        {
            Output = dataset.Root,
            Inputs = shardInputs,
            AlreadyCommitted = alreadyCommitted,
            Processed = result.Rows,
            ErrorsByKind = result.ErrorsByKind,
            FirstFailures = result.FirstFailures,
            PartsWritten = result.Parts,
            Complete = complete,
            Elapsed = clock.Elapsed,
            Workers = options.Workers,
            ArchivesRead = archives.Read,
            SkippedArchiveMembers = archives.SkippedMembers,
        };
    }

    /// <summary>Refuses an output that is, or lies inside, a file, before any work is done.</summary>
    private static void CheckOutputPath(string output)
    {
        for (var path = Path.GetFullPath(output); !string.IsNullOrEmpty(path); path = Path.GetDirectoryName(path))
        {
            if (File.Exists(path))
            {
                throw new PipelineException(PipelineErrorKind.InvalidRequest, $"--output '{output}': '{path}' is a file, not a directory.");
            }
        }
    }

    /// <summary>
    /// An existing dataset is never changed silently: without --resume or --append a run is refused, however its inputs
    /// compare; --resume completes the recorded input set only; --append adds inputs. Shards of one job share the input
    /// set, so a shard whose own rows are not there yet joins the others' dataset.
    /// </summary>
    private void CheckExisting(CommittedRows committed, InputSet? recorded, InputSet inputs, long alreadyCommitted)
    {
        if (committed.Count == 0 || options.Append)
        {
            return;
        }

        if (options.Resume)
        {
            if (recorded is { } set && set != inputs)
            {
                throw new PipelineException(PipelineErrorKind.InvalidRequest, $"'{options.Output}' was written from another input set ({set.Count} inputs; this run lists {inputs.Count}); --resume only completes the same inputs. Pass --append to add inputs to it, or --overwrite to replace it.");
            }

            return;
        }

        if (options.Shard.Count > 1 && alreadyCommitted == 0 && recorded == inputs)
        {
            return;
        }

        throw new PipelineException(PipelineErrorKind.InvalidRequest, $"'{options.Output}' already holds a dataset ({committed.Count} rows); pass --resume to complete it with the same inputs, --append to add other inputs to it, or --overwrite to replace it.");
    }

    private void CheckCompatible(CommittedRows committed, RowTransform written)
    {
        if (committed.Spec is not null && !committed.Spec.Equals(options.Spec) && !options.Overwrite)
        {
            throw new PipelineException(PipelineErrorKind.InvalidRequest, $"'{options.Output}' was written with {committed.Spec}; this run asks for {options.Spec}. Use another --output, or --overwrite to replace it.");
        }

        var extraColumns = written.Metadata[CsvColumns.MetadataKey];
        if (committed.Spec is not null && committed.ExtraColumns != extraColumns && !options.Overwrite)
        {
            throw new PipelineException(PipelineErrorKind.InvalidRequest, $"'{options.Output}' was written with labels-file columns [{committed.ExtraColumns}]; this run has [{extraColumns}]. Use the same --labels file, another --output, or --overwrite.");
        }

        var columns = string.Join(',', written.Schema.FieldsList.Select(f => f.Name));
        if (committed.Spec is not null && committed.Columns != columns && !options.Overwrite)
        {
            throw new PipelineException(PipelineErrorKind.InvalidRequest, $"'{options.Output}' holds a dataset with other columns ({committed.Columns}) than this run writes ({columns}); a features dataset and a prediction dataset never mix. Use another --output.");
        }
    }

    /// <summary>
    /// The warm-up only moves work earlier: should it fail, the run did that work itself, so a warning suffices; one
    /// still going (a run shorter than it) is left to end with the process rather than waited for.
    /// </summary>
    private async Task ReportFailureAsync(Task warmup)
    {
        if (warmup.IsFaulted)
        {
            var e = warmup.Exception.GetBaseException();
            await log.WriteLineAsync($"warning: the start-up warm-up failed ({e.GetType().Name}: {e.Message}); results do not depend on it.");
        }
    }

    private async Task<RunResult> ProcessAsync(InputResolver inputs, LabelResolver labels, CommittedRows committed, ArchiveCompletion archives, DatasetDirectory dataset, long pending, ImageFeaturizer featurizer, RowTransform written, CancellationToken cancellationToken)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = cancel.Token;
        dataset.RemoveStaleTemporaries(options.Shard);
        dataset.RemoveSuccess();
        var runId = Guid.NewGuid().ToString("N")[..12];
        var temporary = dataset.CreateRunTemporaryDirectory(options.Shard, runId);

        var work = Channel.CreateBounded<WorkItem>(new BoundedChannelOptions(options.Workers * 2) { SingleWriter = true });
        var results = Channel.CreateBounded<ResultBatch>(new BoundedChannelOptions(options.Workers * 2) { SingleReader = true });
        var progress = new ProgressReporter(pending, log, TimeSpan.FromSeconds(10));
        var reader = new BinaryFileReader(labels, options.MaxFileBytes, options.BeforeRead);

        var producer = OnOwnThread(() => Produce(inputs, labels, committed, archives, progress, pending, work.Writer, token), token);
        var workers = Enumerable.Range(0, options.Workers)
            .Select(_ => OnOwnThread(() => Work(work.Reader, results.Writer, reader, featurizer, written, token), token))
            .ToArray();
        var writer = OnOwnThread(() => Write(results.Reader, dataset, temporary, runId, progress, archives, written, token), token);
        var closeResults = Task.WhenAll(workers).ContinueWith(t => results.Writer.TryComplete(t.Exception), TaskScheduler.Default);

        // A failing stage stops the others at once: a writer that cannot write (disk full) must not leave the workers
        // waiting on a full results queue, and with them the whole run.
        async Task StopOthersOnFailure(Task stage)
        {
            try
            {
                await stage;
            }
            catch
            {
                await cancel.CancelAsync();
                throw;
            }
        }

        var all = Task.WhenAll(StopOthersOnFailure(producer), StopOthersOnFailure(Task.WhenAll(workers)), StopOthersOnFailure(writer));
        var reporting = progress.RunAsync(all);
        try
        {
            await all;
        }
        catch
        {
            // One failing stage stops the others; what was committed stays committed, what was staged goes.
            await cancel.CancelAsync();
            await closeResults;
            await reporting;
            dataset.RemoveRunTemporaryDirectory(temporary);
            throw;
        }

        await closeResults;
        await reporting;

        dataset.RemoveRunTemporaryDirectory(temporary);
        return await writer;
    }

    private void Produce(InputResolver inputs, LabelResolver labels, CommittedRows committed, ArchiveCompletion archives, ProgressReporter progress, long pending, ChannelWriter<WorkItem> work, CancellationToken token)
    {
        try
        {
            var batch = new List<string>(options.BatchSize);
            var size = BatchSizeFor(pending);
            foreach (var path in inputs.Enumerate())
            {
                if (!options.Shard.Contains(path) || committed.Covers(path))
                {
                    continue;
                }

                // An archive is streamed here, member by member, into batches of members; its whole listing is needed to
                // know its rows, and gzip can only be read in order. The workers featurize the batches in parallel.
                if (ArchiveFile.FormatOf(path) is var format and not ArchiveFormat.None)
                {
                    token.ThrowIfCancellationRequested();
                    ProduceArchive(path, format, labels, committed, archives, work, token);
                    progress.AddInputs(1);
                    pending--;
                    continue;
                }

                batch.Add(path);
                if (batch.Count == size)
                {
                    token.ThrowIfCancellationRequested();
                    Send(work, new WorkItem([.. batch], null, null), token);
                    batch.Clear();
                    pending -= size;
                    size = BatchSizeFor(pending);
                }
            }

            if (batch.Count > 0)
            {
                Send(work, new WorkItem([.. batch], null, null), token);
            }

            work.Complete();
        }
        catch (Exception e)
        {
            work.Complete(e);
            throw;
        }
    }

    /// <summary>Streams one archive's members to the workers; the archive's row count is told before its last batch goes.</summary>
    private void ProduceArchive(string path, ArchiveFormat format, LabelResolver labels, CommittedRows committed, ArchiveCompletion archives, ChannelWriter<WorkItem> work, CancellationToken token)
    {
        using var batcher = new ArchiveBatcher(path, labels, committed, options.BatchSize, rows => Send(work, new WorkItem(null, rows, path), token));
        var skipped = 0L;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            var listing = ArchiveReader.Read(stream, format, options.MaxFileBytes, batcher);
            skipped = listing.Skipped;
            if (listing.ArchiveRowError is { } error)
            {
                batcher.ArchiveRow(error, new DateTimeOffset(File.GetLastWriteTimeUtc(path)), stream.Length);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            batcher.ArchiveRow($"{ImageDecodeException.Name(DecodeFailure.Unreadable)}: {BinaryFileReader.Describe(e)}", null, 0);
        }

        archives.Finished(path, batcher.Rows, skipped);
        batcher.SendLast();
    }

    /// <summary>
    /// Guided batch sizes: full batches while plenty of inputs remain, then smaller ones, so the workers finish
    /// together instead of one core idling while another works through a last full batch.
    /// </summary>
    internal static int GuidedBatchSize(long remaining, int workers, int maxBatch) => (int)Math.Clamp(remaining / (2L * workers), 1, maxBatch);

    private int BatchSizeFor(long remaining) => GuidedBatchSize(remaining, options.Workers, options.BatchSize);

    /// <summary>
    /// Runs a stage on a thread of its own for the whole run. Pooled arrays (the read buffers, the decoder's and the
    /// Parquet writer's scratch) are cached per thread by <see cref="System.Buffers.ArrayPool{T}.Shared"/>; a stage
    /// that hopped between thread-pool threads at every await left a copy of each on every thread it touched, so
    /// memory grew for as long as a run went on.
    /// </summary>
    private static Task<T> OnOwnThread<T>(Func<T> stage, CancellationToken token) =>
        Task.Factory.StartNew(stage, token, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static Task OnOwnThread(Action stage, CancellationToken token) =>
        Task.Factory.StartNew(stage, token, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>Blocks this stage's own thread until a channel can be read or written; false once it is complete.</summary>
    private static bool Wait(ValueTask<bool> ready) => ready.IsCompletedSuccessfully ? ready.Result : ready.AsTask().GetAwaiter().GetResult();

    /// <summary>Writes to a bounded channel, blocking this stage's own thread while it is full.</summary>
    private static void Send<T>(ChannelWriter<T> channel, T item, CancellationToken token)
    {
        while (!channel.TryWrite(item))
        {
            if (!Wait(channel.WaitToWriteAsync(token)))
            {
                throw new ChannelClosedException();
            }
        }
    }

    private static void Work(ChannelReader<WorkItem> work, ChannelWriter<ResultBatch> results, BinaryFileReader reader, ImageFeaturizer featurizer, RowTransform written, CancellationToken token)
    {
        while (Wait(work.WaitToReadAsync(token)))
        {
            while (work.TryRead(out var item))
            {
                // A queued batch is read without waiting, so the stop is looked for here, once a batch.
                using var members = item.Members;
                token.ThrowIfCancellationRequested();
                var features = members is null
                    ? reader.Read(item.Paths!, files => FeatureBatch.Compute(files, featurizer, expandArchives: false))
                    : FeatureBatch.Compute(members.Build(), featurizer, expandArchives: false);
                Send(results, new ResultBatch(written.Apply(features), item.Archive), token);
            }
        }
    }

    /// <summary>Files to read, or an archive's members already read (whose buffer the worker returns).</summary>
    private sealed record WorkItem(string[]? Paths, BinaryRows? Members, string? Archive);

    /// <summary>Rows to write, and the archive they come from.</summary>
    private sealed record ResultBatch(RecordBatch Batch, string? Archive);

    private RunResult Write(ChannelReader<ResultBatch> results, DatasetDirectory dataset, string temporary, string runId, ProgressReporter progress, ArchiveCompletion archives, RowTransform written, CancellationToken token)
    {
        var rowsByArchive = new Dictionary<string, long>(StringComparer.Ordinal);
        var errorsByKind = new Dictionary<string, long>(StringComparer.Ordinal);
        var buffered = new List<RowRange>();
        var bufferedRows = 0;
        long rows = 0;
        var parts = 0;
        var sinceCommit = Stopwatch.StartNew();
        var errorColumn = written.Schema.GetFieldIndex(FeatureColumns.Error);
        var pathColumn = written.Schema.GetFieldIndex(FeatureColumns.Path);
        var firstFailures = new List<string>();

        void Flush(bool last)
        {
            // A last part with no rows is written only to record archives whose rows earlier runs committed.
            if (bufferedRows == 0 && !(last && archives.HasUnrecorded))
            {
                return;
            }

            var final = dataset.PartPath(options.Shard, runId, parts);
            var staging = Path.Combine(temporary, Path.GetFileName(final));
            var complete = archives.Commit(rowsByArchive);
            rowsByArchive.Clear();
            var metadata = complete.Count == 0
                ? written.Metadata
                : new Dictionary<string, string>(written.Metadata) { [DatasetMetadata.CompleteArchivesKey] = string.Join('\n', complete) };
            ArrowParquetWriter.Write(staging, written.Schema, buffered, metadata, token);
            DatasetDirectory.Commit(staging, final);
            Interlocked.Add(ref committedThisRun, bufferedRows);
            parts++;
            buffered.Clear();
            bufferedRows = 0;
            sinceCommit.Restart();

            // The part's rows and the writer's column arrays die here, old enough to sit in generation 2 and on the
            // large-object heap, which are otherwise collected ever more rarely as a run goes on (their budgets grow),
            // so the peak grew with the number of inputs. A full collection per part (a few ms for a heap of a few MB
            // live, every few thousand rows) keeps the heap to one part's worth however many inputs there are.
            // After the last part the run ends; a full collection would only delay it.
            if (!last)
            {
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
            }
        }

        while (Wait(results.WaitToReadAsync(token)))
        {
            if (!results.TryRead(out var result))
            {
                continue;
            }

            var batch = result.Batch;
            // Nothing more is committed once the run is stopped; what is buffered is dropped with the run's staging.
            token.ThrowIfCancellationRequested();

            var errors = (StringArray)batch.Column(errorColumn);
            var failed = 0;
            for (var i = 0; i < batch.Length; i++)
            {
                var error = errors.GetString(i);
                if (error is not null)
                {
                    failed++;
                    if (firstFailures.Count < FirstFailuresShown)
                    {
                        firstFailures.Add($"{((StringArray)batch.Column(pathColumn)).GetString(i)}: {error}");
                    }

                    var kind = FeatureColumns.ErrorKind(error);
                    errorsByKind[kind] = errorsByKind.GetValueOrDefault(kind) + 1;
                }
            }

            // Exactly --rows-per-file rows a part: a batch that crosses the boundary is split between two parts.
            for (var start = 0; start < batch.Length;)
            {
                var take = Math.Min(batch.Length - start, options.RowsPerFile - bufferedRows);
                buffered.Add(new RowRange(batch, start, take));
                bufferedRows += take;
                if (result.Archive is { } archive)
                {
                    rowsByArchive[archive] = rowsByArchive.GetValueOrDefault(archive) + take;
                }

                start += take;
                if (bufferedRows == options.RowsPerFile)
                {
                    Flush(last: false);
                }
            }

            rows += batch.Length;
            progress.Add(batch.Length, failed);
            if (result.Archive is null)
            {
                progress.AddInputs(batch.Length);
            }

            // And at least every --commit-interval, so an interrupted overnight run loses at most that much work.
            if (sinceCommit.Elapsed >= options.CommitInterval)
            {
                Flush(last: false);
            }
        }

        Flush(last: true);
        return new RunResult(errorsByKind, rows, parts, firstFailures);
    }

    /// <summary>Complete when every input of every shard has a committed row.</summary>
    private static async Task<bool> IsCompleteAsync(InputResolver inputs, DatasetDirectory dataset, CancellationToken cancellationToken)
    {
        var committed = await CommittedRows.ReadAsync(dataset, cancellationToken);
        foreach (var path in inputs.Enumerate())
        {
            if (!committed.Covers(path))
            {
                return false;
            }
        }

        return true;
    }

    private sealed record RunResult(IReadOnlyDictionary<string, long> ErrorsByKind, long Rows, int Parts, IReadOnlyList<string> FirstFailures);

    /// <summary>How many failures (path: error) a run over its error budget lists.</summary>
    private const int FirstFailuresShown = 5;

    /// <summary>
    /// Why a run exceeded its error budget, in lines for stderr: the limit, the first failures and the DuckDB query that
    /// lists every one of them; null within budget.
    /// </summary>
    public static string? DescribeBudgetExceeded(FeaturizeSummary summary, double maxErrorFraction)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (ErrorBudget.Problem(summary.Failed, summary.Processed, maxErrorFraction) is not { } problem)
        {
            return null;
        }

        var lines = new List<string> { $"error: {problem}; the first failures:" };
        lines.AddRange(summary.FirstFailures.Select(failure => $"  {failure}"));
        lines.Add($"  every failure: duckdb -c \"SELECT path, error FROM read_parquet('{summary.Output}/*.parquet') WHERE error IS NOT NULL\"");
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>Formats a summary for people.</summary>
    public static string Describe(FeaturizeSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var lines = new List<string>();
        var rate = summary.Processed / Math.Max(summary.Elapsed.TotalSeconds, 1e-3);
        if (summary.Processed == 0 && summary.AlreadyCommitted == summary.Inputs)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"nothing to do: all {summary.Inputs} inputs are already committed in {summary.Output}"));
        }
        else
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"featurized {summary.Processed} images into {summary.Output} ({summary.PartsWritten} part files{(summary.AlreadyCommitted > 0 ? $", {summary.AlreadyCommitted} kept from earlier runs" : string.Empty)})"));
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"  ok: {summary.Processed - summary.Failed}  failed: {summary.Failed}{(summary.Failed > 0 ? " (" + string.Join(", ", summary.ErrorsByKind.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key}: {kv.Value}")) + ")" : string.Empty)}"));
            if (summary.ArchivesRead > 0)
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"  archives: {summary.ArchivesRead} read, {summary.SkippedArchiveMembers} members that are not images skipped"));
            }

            lines.Add(string.Create(CultureInfo.InvariantCulture, $"  throughput: {rate:F1} images/s over {summary.Elapsed.TotalSeconds:F1} s with {summary.Workers} workers"));
        }

        lines.Add(summary.Complete ? "  dataset complete: _SUCCESS written" : "  dataset incomplete: other shards still to run (no _SUCCESS yet)");
        return string.Join(Environment.NewLine, lines);
    }
}
