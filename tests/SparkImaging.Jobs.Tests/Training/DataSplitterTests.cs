using SparkImaging.Pipeline.Training;

namespace SparkImaging.Jobs.Tests.Training;

public sealed class DataSplitterTests
{
    [Fact]
    public void Hold_out_is_stratified_and_seeded()
    {
        var classes = Enumerable.Range(0, 100).Select(i => i < 70 ? 0 : 1).ToArray();

        var a = DataSplitter.HoldOut(classes, null, 2, 0.2, 42);
        var b = DataSplitter.HoldOut(classes, null, 2, 0.2, 42);
        var c = DataSplitter.HoldOut(classes, null, 2, 0.2, 43);

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(14, Enumerable.Range(0, 70).Count(i => a[i]));
        Assert.Equal(6, Enumerable.Range(70, 30).Count(i => a[i]));
    }

    [Fact]
    public void Groups_never_straddle_the_hold_out_or_any_fold()
    {
        var random = new Random(5);
        var classes = Enumerable.Range(0, 300).Select(i => i % 3).ToArray();
        var groups = Enumerable.Range(0, 300).Select(_ => "g" + random.Next(40)).ToArray();

        var isTest = DataSplitter.HoldOut(classes, groups, 3, 0.25, 1);
        var folds = DataSplitter.Folds(classes, groups, 3, 5, 1);

        foreach (var group in Enumerable.Range(0, 300).GroupBy(i => groups[i]))
        {
            Assert.Single(group.Select(i => isTest[i]).Distinct());
            Assert.Single(group.Select(i => folds[i]).Distinct());
        }

        Assert.InRange(isTest.Count(t => t), 30, 120);
        Assert.Equal(5, folds.Distinct().Count());
    }

    [Fact]
    public void Folds_without_groups_balance_each_class()
    {
        var classes = Enumerable.Range(0, 50).Select(i => i < 30 ? 0 : 1).ToArray();

        var folds = DataSplitter.Folds(classes, null, 2, 5, 3);

        for (var f = 0; f < 5; f++)
        {
            Assert.Equal(6, Enumerable.Range(0, 30).Count(i => folds[i] == f));
            Assert.Equal(4, Enumerable.Range(30, 20).Count(i => folds[i] == f));
        }
    }
}
