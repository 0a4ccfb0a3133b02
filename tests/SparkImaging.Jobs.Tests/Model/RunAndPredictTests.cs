using System.Text.Json;
using DuckDB.NET.Data;
using SparkImaging.Jobs.Tests.Support;

namespace SparkImaging.Jobs.Tests.Model;

/// <summary>The main job end to end on the bundled samples, then predict with its model, and the notebook SQL.</summary>
public sealed class RunAndPredictTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Run_on_the_samples_trains_an_accurate_model_that_predict_reuses()
    {
        var job = temp.Combine("job");
        var run = ProgramRunner.Run("run", "--input", SampleImages.Samples, "--output", job, "--seed", "7");
        Assert.True(run.ExitCode == 0, run.ToString());

        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(job, "model", "metrics.json")));
        Assert.True(metrics.RootElement.GetProperty("accuracy").GetDouble() >= 0.8, metrics.RootElement.ToString());
        Assert.Equal(3, metrics.RootElement.GetProperty("labels").GetArrayLength());

        var predictions = temp.Combine("predictions");
        var predict = ProgramRunner.Run("predict", "--input", SampleImages.Samples, "--model", Path.Combine(job, "model"), "--output", predictions);
        Assert.True(predict.ExitCode == 0, predict.ToString());

        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*), avg(CASE WHEN prediction = label THEN 1.0 ELSE 0.0 END), min(len(probability)), max(abs(list_sum(probability) - 1)) FROM read_parquet('{predictions}/*.parquet')";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal(48L, reader.GetInt64(0));
        Assert.True(reader.GetDouble(1) >= 0.9, $"predict agrees with the labels on {reader.GetDouble(1):P0} of the samples");
        Assert.Equal(3, reader.GetInt64(2));
        Assert.True(reader.GetDouble(3) < 1e-5);
    }

    [Fact]
    public void Predict_refuses_a_model_whose_feature_spec_it_cannot_reproduce()
    {
        var job = temp.Combine("job");
        Assert.Equal(0, ProgramRunner.Run("run", "--input", SampleImages.Samples, "--output", job).ExitCode);
        var model = Path.Combine(job, "model");
        File.WriteAllText(Path.Combine(model, "feature-spec.json"), """{"lbp":["8:1:uniform"],"gray":"mean","normalize":"max","max_pixels":1000}""");

        var result = ProgramRunner.Run("predict", "--input", SampleImages.Samples, "--model", model, "--output", temp.Combine("p"));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("expects 26 features", result.Stderr, StringComparison.Ordinal);
        File.Delete(Path.Combine(model, "feature-spec.json"));
        var missing = ProgramRunner.Run("predict", "--input", SampleImages.Samples, "--model", model, "--output", temp.Combine("p2"));
        Assert.True(missing.ExitCode == 2 && missing.Stderr.Contains("feature-spec.json", StringComparison.Ordinal), missing.ToString());
    }

    [Fact]
    public void Notebook_sql_runs_on_a_featurized_dataset()
    {
        var features = temp.Combine("features");
        Assert.Equal(0, ProgramRunner.Run("featurize", "--input", SampleImages.Samples, "--output", features).ExitCode);
        var sql = File.ReadAllText(Path.Combine(SampleImages.RepositoryRoot, "docs", "notebooks", "features.sql")).Replace("${DATASET}", features, StringComparison.Ordinal);

        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var labels = new List<string>();
        while (reader.Read())
        {
            labels.Add(reader.GetString(0));
            Assert.Equal(16L, reader.GetInt64(1));
            Assert.Equal(0L, reader.GetInt64(2));
            Assert.Equal(128.0, reader.GetDouble(3));
            Assert.InRange(reader.GetDouble(4), 0.0, 1.0);
        }

        Assert.Equal(["brick", "grass", "gravel"], labels);
    }
}
