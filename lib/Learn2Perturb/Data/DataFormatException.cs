namespace Learn2Perturb.Data;

/// <summary>
/// A data file exists but is not what its format promises (bad magic, truncated, wrong size, label out of range).
/// The message starts with the file's path and says what was expected and what was found.
/// </summary>
public sealed class DataFormatException : Exception
{
    public DataFormatException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        Path = path;
    }

    /// <summary>The offending file.</summary>
    public string Path { get; }
}
