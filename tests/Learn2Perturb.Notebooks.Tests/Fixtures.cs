namespace Learn2Perturb.Notebooks.Tests;

internal static class Fixtures
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>The repository's notebooks/ folder, found by walking up from the test binaries.</summary>
    public static string NotebooksDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Learn2Perturb.Notebooks.sln")))
                return System.IO.Path.Combine(dir.FullName, "notebooks");
        throw new DirectoryNotFoundException($"no Learn2Perturb.Notebooks.sln above {AppContext.BaseDirectory}");
    }

    /// <summary>A copy of a fixture in a fresh temporary folder, for tests that save outputs.</summary>
    public static string Copy(string name)
    {
        var dir = Directory.CreateTempSubdirectory("l2p-nb-test-").FullName;
        var target = System.IO.Path.Combine(dir, name);
        File.Copy(Path(name), target);
        return target;
    }
}

/// <summary>Notebook runs change the process's working directory and environment: one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NotebookCollection
{
    public const string Name = "notebook runs";
}
