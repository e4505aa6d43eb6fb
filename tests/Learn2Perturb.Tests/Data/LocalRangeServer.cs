using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Learn2Perturb.Tests.Data;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 serving one byte array, honouring <c>Range: bytes=N-</c> with 206 unless
/// told to ignore it. It records the requests it saw and stops itself after <see cref="Lifetime"/> at the latest.
/// </summary>
internal sealed partial class LocalRangeServer : IAsyncDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new(Lifetime);
    private readonly byte[] content;
    private readonly bool honourRange;
    private readonly Task loop;

    public LocalRangeServer(byte[] content, bool honourRange = true)
    {
        this.content = content;
        this.honourRange = honourRange;
        listener.Start();
        loop = Task.Run(AcceptLoopAsync);
    }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/tiny.tar.gz";

    /// <summary>The start offset of each request's Range header (null: no Range).</summary>
    public List<long?> RangeStarts { get; } = [];

    /// <summary>Body bytes sent, over all requests.</summary>
    public long BytesSent { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await loop;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
        stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            using var client = await listener.AcceptTcpClientAsync(stop.Token);
            await ServeAsync(client.GetStream());
        }
    }

    private async Task ServeAsync(NetworkStream stream)
    {
        var head = await ReadHeadAsync(stream);
        var match = RangePattern().Match(head);
        long? start = match.Success ? long.Parse(match.Groups[1].Value) : null;
        lock (RangeStarts) RangeStarts.Add(start);
        bool partial = honourRange && start is > 0;
        long from = partial ? start!.Value : 0;
        var status = partial ? "206 Partial Content" : "200 OK";
        var range = partial ? $"Content-Range: bytes {from}-{content.Length - 1}/{content.Length}\r\n" : "";
        var header = $"HTTP/1.1 {status}\r\nContent-Type: application/octet-stream\r\nContent-Length: {content.Length - from}\r\n" +
                     $"{range}Accept-Ranges: bytes\r\nConnection: close\r\n\r\n";
        BytesSent += content.Length - from; // counted first: the client may finish before this write returns
        await stream.WriteAsync(Encoding.ASCII.GetBytes(header), stop.Token);
        await stream.WriteAsync(content.AsMemory((int)from), stop.Token);
    }

    private async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && head.Length < 16_384)
        {
            if (await stream.ReadAsync(one, stop.Token) == 0) break;
            head.Append((char)one[0]);
        }
        return head.ToString();
    }

    [GeneratedRegex(@"^Range:\s*bytes=(\d+)-", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex RangePattern();
}
