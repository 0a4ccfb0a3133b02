using SkiaSharp;
using SparkImaging.Pipeline.Training;

namespace SparkImaging.Jobs.Tests.Training;

/// <summary>The pictures beside metrics.json, checked in their pixels.</summary>
public sealed class TrainingPlotsTests
{
    [Fact]
    public void A_perfect_roc_curve_is_drawn_inside_the_frame_not_under_it()
    {
        using var temp = new TempDirectory();
        var path = temp.Sub("roc.png");
        int[] truth = [0, 0, 0, 1, 1, 1];
        double[][] probabilities = [[0.9, 0.1], [0.8, 0.2], [0.7, 0.3], [0.2, 0.8], [0.1, 0.9], [0.3, 0.7]];
        var (fpr, tpr) = MetricsCalculator.RocCurve(truth, probabilities);

        TrainingPlots.RocCurve(fpr, tpr, 1.0, "b", path);

        using var image = SKBitmap.Decode(path);
        var frame = Frame(image);
        var curve = new SKColor(TrainingPlots.RocColor.R, TrainingPlots.RocColor.G, TrainingPlots.RocColor.B);

        // The vertical leg (FPR 0) and the horizontal leg (TPR 1) are long runs of the curve's colour, clear of the frame.
        var column = Enumerable.Range(frame.Left, frame.Width / 4).MaxBy(x => CountInColumn(image, x, curve));
        var row = Enumerable.Range(frame.Top, frame.Height / 4).MaxBy(y => CountInRow(image, y, curve));
        Assert.True(CountInColumn(image, column, curve) > frame.Height * 0.8, $"vertical leg: {CountInColumn(image, column, curve)} px of {frame.Height}");
        Assert.True(CountInRow(image, row, curve) > frame.Width * 0.8, $"horizontal leg: {CountInRow(image, row, curve)} px of {frame.Width}");
        Assert.True(column > frame.Left + 3, $"the curve at x={column} lies on the frame at x={frame.Left}");
        Assert.True(row > frame.Top + 3, $"the curve at y={row} lies on the frame at y={frame.Top}");
    }

    [Fact]
    public void Confusion_matrix_cells_have_no_grid_lines_through_them()
    {
        using var temp = new TempDirectory();
        var path = temp.Sub("confusion.png");
        int[] truth = [0, 0, 1, 1, 2, 2];
        double[][] probabilities = [[0.8, 0.1, 0.1], [0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.2, 0.7, 0.1], [0.1, 0.1, 0.8], [0.1, 0.2, 0.7]];
        var metrics = MetricsCalculator.Compute(truth, probabilities, ["a", "b", "c"]);

        TrainingPlots.ConfusionMatrix(metrics, path);

        using var image = SKBitmap.Decode(path);
        var frame = Frame(image);
        var cell = frame.Width / 3.0;

        // An empty cell (true a, predicted b): a line across its upper part, clear of its borders and its text, is one
        // colour; a grid line at the cell's centre (where the ticks are) would cross it.
        var y = (int)(frame.Top + (0.15 * cell));
        var colours = Enumerable.Range((int)(frame.Left + (1.1 * cell)), (int)(0.8 * cell)).Select(x => image.GetPixel(x, y)).Distinct().ToList();
        Assert.True(colours.Count == 1, $"{colours.Count} colours across an empty cell: {string.Join(", ", colours)}");
    }

    /// <summary>The data area: where the middle row and column meet the frame's dark lines.</summary>
    private static SKRectI Frame(SKBitmap image)
    {
        static bool Dark(SKColor c) => c.Red < 90 && c.Green < 90 && c.Blue < 90;
        var midY = image.Height / 2;
        var midX = image.Width / 2;
        var left = Enumerable.Range(0, midX).First(x => Dark(image.GetPixel(x, midY)) && Dark(image.GetPixel(x, midY + 20)) && Dark(image.GetPixel(x, midY - 20)));
        var right = Enumerable.Range(midX, image.Width - midX).Reverse().First(x => Dark(image.GetPixel(x, midY)) && Dark(image.GetPixel(x, midY + 20)));
        var top = Enumerable.Range(0, midY).First(y => Dark(image.GetPixel(midX, y)) && Dark(image.GetPixel(midX + 20, y)) && Dark(image.GetPixel(midX - 20, y)));
        var bottom = Enumerable.Range(midY, image.Height - midY).Reverse().First(y => Dark(image.GetPixel(midX, y)) && Dark(image.GetPixel(midX + 20, y)));
        return new SKRectI(left, top, right, bottom);
    }

    private static int CountInColumn(SKBitmap image, int x, SKColor colour) => Enumerable.Range(0, image.Height).Count(y => Near(image.GetPixel(x, y), colour));

    private static int CountInRow(SKBitmap image, int y, SKColor colour) => Enumerable.Range(0, image.Width).Count(x => Near(image.GetPixel(x, y), colour));

    private static bool Near(SKColor a, SKColor b) => Math.Abs(a.Red - b.Red) < 40 && Math.Abs(a.Green - b.Green) < 40 && Math.Abs(a.Blue - b.Blue) < 40;
}
