namespace Learn2Perturb.NotebookRunner;

/// <summary>Sets the working directory and environment variables for one notebook run and restores both on dispose.</summary>
internal sealed class ProcessScope : IDisposable
{
    private readonly string previousDirectory = Environment.CurrentDirectory;
    private readonly Dictionary<string, string?> previousValues = [];

    public ProcessScope(string directory, IReadOnlyDictionary<string, string>? environment)
    {
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            previousValues[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }
        Environment.CurrentDirectory = directory;
    }

    public void Dispose()
    {
        Environment.CurrentDirectory = previousDirectory;
        foreach (var (name, value) in previousValues) Environment.SetEnvironmentVariable(name, value);
    }
}
