namespace Learn2Perturb.Data;

/// <summary>
/// A download could not be completed (host unreachable, HTTP error, connection dropped). The message says what to do
/// instead, e.g. download the URL on another machine and pass the file with <c>l2p data fetch … --from FILE</c>.
/// </summary>
public sealed class DataDownloadException : Exception
{
    public DataDownloadException(string url, string message, Exception? inner = null)
        : base(message, inner)
    {
        Url = url;
    }

    /// <summary>The URL that was being fetched.</summary>
    public string Url { get; }
}
