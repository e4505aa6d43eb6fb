namespace Learn2Perturb.Data;

/// <summary>
/// Images as read from disk, before they become tensors: <see cref="Pixels"/> holds <c>Count × Channels × Height × Width</c>
/// bytes (0–255) in NCHW order.
/// </summary>
public sealed record ByteImages(int Count, int Channels, int Height, int Width, byte[] Pixels)
{
    /// <summary>Bytes per image: <c>Channels × Height × Width</c>.</summary>
    public int ImageBytes => Channels * Height * Width;
}
