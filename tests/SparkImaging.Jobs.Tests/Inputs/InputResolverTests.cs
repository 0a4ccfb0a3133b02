using SparkImaging.Udfs.Features;
using SparkImaging.Pipeline.Inputs;
using SparkImaging.Jobs.Tests.Support;

namespace SparkImaging.Jobs.Tests.Inputs;

/// <summary>Each input file once, whether it is named once or by several overlapping inputs.</summary>
public sealed class InputResolverTests : IDisposable
{
    private const int FilesPerClass = 3;

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void A_single_directory_yields_every_image_once_in_sorted_order()
    {
        var root = WriteTree();

        var paths = new InputResolver([root], InputNames.IsTaken).Enumerate().ToList();

        Assert.Equal(AllFiles(root), paths);
    }

    [Fact]
    public void A_walk_enters_linked_directories_and_takes_links_to_files_as_files()
    {
        var root = temp.Combine("linked");
        var elsewhere = temp.Combine("elsewhere");
        Directory.CreateDirectory(Path.Combine(elsewhere, "deep"));
        File.WriteAllBytes(Path.Combine(elsewhere, "deep", "x.png"), [1]);
        Directory.CreateDirectory(root);
        File.WriteAllBytes(Path.Combine(root, "own.png"), [1]);
        Directory.CreateSymbolicLink(Path.Combine(root, "dir_link"), elsewhere);
        File.CreateSymbolicLink(Path.Combine(root, "file_link.png"), Path.Combine(elsewhere, "deep", "x.png"));
        File.CreateSymbolicLink(Path.Combine(root, "dir_link_named.png"), Path.Combine(elsewhere, "deep"));

        var paths = new InputResolver([root], InputNames.IsTaken).Enumerate().ToList();

        // A directory's files, then its subdirectories in order.
        string[] expected = [Path.Combine(root, "file_link.png"), Path.Combine(root, "own.png"), Path.Combine(root, "dir_link", "deep", "x.png"), Path.Combine(root, "dir_link_named.png", "x.png")];
        Assert.Equal(expected, paths);
    }

    [Fact]
    public void Overlapping_inputs_yield_each_file_once_where_it_is_first_named()
    {
        var root = WriteTree();
        var first = Path.Combine(root, "a", "img_0.png");
        string[] inputs = [first, root, root + Path.DirectorySeparatorChar, Path.Combine(root, "**", "*.png"), first];

        var paths = new InputResolver(inputs, InputNames.IsTaken).Enumerate().ToList();

        Assert.Equal([first, .. AllFiles(root).Where(p => p != first)], paths);
    }

    [Fact]
    public void The_key_set_finds_exactly_the_keys_it_was_given_once_merged()
    {
        var earlier = PathKeySet.Of([PathKey.Of("/x/1.png"), PathKey.Of("/x/2.png"), PathKey.Of("/x/1.png")]);
        var merged = earlier.With([PathKey.Of("/y/3.png"), PathKey.Of("/x/2.png")]);

        Assert.Equal(2, earlier.Count);
        Assert.Equal(3, merged.Count);
        Assert.All(["/x/1.png", "/x/2.png", "/y/3.png"], p => Assert.True(merged.Contains(p)));
        Assert.False(merged.Contains("/x/3.png"));
        Assert.False(PathKeySet.Empty.Contains("/x/1.png"));
    }

    private string WriteTree()
    {
        var root = temp.Combine("in");
        foreach (var label in new[] { "a", "b" })
        {
            Directory.CreateDirectory(Path.Combine(root, label));
            for (var i = 0; i < FilesPerClass; i++)
            {
                File.WriteAllBytes(Path.Combine(root, label, $"img_{i}.png"), [0]);
            }
        }

        return root;
    }

    private static List<string> AllFiles(string root) =>
        new[] { "a", "b" }.SelectMany(label => Enumerable.Range(0, FilesPerClass).Select(i => Path.Combine(root, label, $"img_{i}.png"))).ToList();
}
