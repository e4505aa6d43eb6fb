namespace Learn2Perturb.Data;

/// <summary>A file's size or hash differs from the published one; the message names the file, expected and actual values.</summary>
public sealed class ChecksumMismatchException : Exception
{
    public ChecksumMismatchException(string path, string algorithm, string expected, string actual, string? advice = null)
        : base($"{path}: {algorithm} mismatch: expected {expected}, found {actual}.{(advice is null ? "" : " " + advice)}")
    {
        Path = path;
        Algorithm = algorithm;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The file that failed verification (as it is named now, e.g. after being kept as <c>.bad</c>).</summary>
    public string Path { get; }

    /// <summary><c>SHA-256</c>, <c>MD5</c> or <c>size</c>.</summary>
    public string Algorithm { get; }

    public string Expected { get; }

    public string Actual { get; }
}
