namespace Learn2Perturb.Runs;

/// <summary>
/// A run-store file (manifest, checkpoint, metrics, result) that cannot be read: corrupt, truncated or of the wrong
/// kind. The message names the file; the file is left as it is for a person to inspect.
/// </summary>
public sealed class RunFileException : IOException
{
    public RunFileException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem} (left untouched; inspect or delete it to continue)", inner) => FilePath = path;

    public string FilePath { get; }
}
