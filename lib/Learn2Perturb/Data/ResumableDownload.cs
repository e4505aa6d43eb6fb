using System.Net;
using System.Net.Http.Headers;

namespace Learn2Perturb.Data;

/// <summary>
/// Streams a URL into a <c>.part</c> file, continuing from the bytes already there with an HTTP Range request.
/// A 206 answer from the requested offset is appended; a 200 answer (the server ignored Range) starts over.
/// Failures leave the <c>.part</c> file in place for the next try.
/// </summary>
internal static class ResumableDownload
{
    private const int BufferSize = 1 << 16;

    /// <summary>No headers or no body bytes for this long counts as a dead connection.</summary>
    internal static TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <exception cref="HttpRequestException">Host unreachable, no answer, or an HTTP error status.</exception>
    /// <exception cref="IOException">The connection dropped or stalled during the body.</exception>
    internal static async Task DownloadAsync(HttpClient http, string url, string partPath, long? expectedBytes,
        IProgress<(long done, long? total)>? progress, CancellationToken ct)
    {
        long have = File.Exists(partPath) ? new FileInfo(partPath).Length : 0;
        if (have > expectedBytes) have = 0; // longer than the archive: cannot be a prefix of it
        if (have > 0 && have == expectedBytes)
        {
            progress?.Report((have, expectedBytes));
            return;
        }
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (have > 0) request.Headers.Range = new RangeHeaderValue(have, null);
        using var response = await SendAsync(http, request, ct);
        if (have > 0 && response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable) return; // verification decides
        response.EnsureSuccessStatusCode();
        long start = ResumeOffset(response, have, url);
        long? total = response.Content.Headers.ContentRange?.Length ?? start + response.Content.Headers.ContentLength ?? expectedBytes;
        await using var file = new FileStream(partPath, start > 0 ? FileMode.Append : FileMode.Create, FileAccess.Write,
            FileShare.None, BufferSize, useAsync: true);
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        await CopyAsync(body, file, start, total, progress, ct);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpRequestMessage request, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(StallTimeout);
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new HttpRequestException($"no answer within {StallTimeout.TotalSeconds:0} s", e);
        }
    }

    private static long ResumeOffset(HttpResponseMessage response, long have, string url)
    {
        if (response.StatusCode != HttpStatusCode.PartialContent) return 0;
        var from = response.Content.Headers.ContentRange?.From;
        if (from == have) return have;
        throw new HttpRequestException($"{url} answered a request for bytes {have}- with a range starting at {from?.ToString() ?? "?"}");
    }

    private static async Task CopyAsync(Stream body, Stream file, long done, long? total,
        IProgress<(long done, long? total)>? progress, CancellationToken ct)
    {
        var buffer = new byte[BufferSize];
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(ct);
        progress?.Report((done, total));
        while (true)
        {
            stall.CancelAfter(StallTimeout); // re-armed per read: a slow link is fine, a silent one is not
            int n;
            try
            {
                n = await body.ReadAsync(buffer, stall.Token);
            }
            catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
            {
                throw new IOException($"no data for {StallTimeout.TotalSeconds:0} s after {done} bytes", e);
            }
            if (n == 0) return;
            await file.WriteAsync(buffer.AsMemory(0, n), ct);
            done += n;
            progress?.Report((done, total));
        }
    }
}
