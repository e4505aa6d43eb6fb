using TorchSharp;
using static TorchSharp.torch;

namespace Learn2Perturb.Data;

/// <summary>
/// A whole dataset held as two tensors: <see cref="Images"/> float32 <c>[N,C,H,W]</c> in [0,1] (the workbook's one
/// input domain; normalisation belongs to the model) and <see cref="Labels"/> int64 <c>[N]</c>.
/// The dataset owns both tensors: they are detached from any dispose scope and freed by <see cref="Dispose"/>.
/// </summary>
public sealed class TensorDataset : IDisposable
{
    /// <summary>Takes ownership of <paramref name="images"/> and <paramref name="labels"/>.</summary>
    /// <exception cref="ArgumentException">Wrong rank, dtype or mismatched sample counts.</exception>
    public TensorDataset(string name, Tensor images, Tensor labels, int numClasses)
    {
        if (images.dim() != 4 || images.dtype != ScalarType.Float32)
            throw new ArgumentException($"images must be float32 [N,C,H,W], not {images.dtype} [{string.Join(",", images.shape)}]", nameof(images));
        if (labels.dim() != 1 || labels.dtype != ScalarType.Int64)
            throw new ArgumentException($"labels must be int64 [N], not {labels.dtype} [{string.Join(",", labels.shape)}]", nameof(labels));
        if (labels.shape[0] != images.shape[0])
            throw new ArgumentException($"{images.shape[0]} images but {labels.shape[0]} labels", nameof(labels));
        ArgumentOutOfRangeException.ThrowIfLessThan(numClasses, 1);
        Name = name;
        Images = images.DetachFromDisposeScope();
        Labels = labels.DetachFromDisposeScope();
        NumClasses = numClasses;
    }

    /// <summary>e.g. <c>fashion-mnist/train</c>, <c>cifar10/test[0:1000]</c>.</summary>
    public string Name { get; }

    /// <summary>float32 <c>[N,C,H,W]</c>, pixel values in [0,1].</summary>
    public Tensor Images { get; }

    /// <summary>int64 <c>[N]</c>, values in <c>0..NumClasses-1</c>.</summary>
    public Tensor Labels { get; }

    public int NumClasses { get; }

    public int Count => (int)Images.shape[0];

    public int Channels => (int)Images.shape[1];

    public int Height => (int)Images.shape[2];

    public int Width => (int)Images.shape[3];

    /// <summary>The device the data lives on; batches are sliced there.</summary>
    public Device Device => Images.device;

    /// <summary>
    /// This dataset when it already lives on <paramref name="device"/>; otherwise a new dataset holding copies there
    /// (this one stays valid and must still be disposed).
    /// </summary>
    public TensorDataset To(Device device)
    {
        if (SameDevice(Images.device, device)) return this;
        return new TensorDataset(Name, Images.to(device), Labels.to(device), NumClasses);
    }

    /// <summary>The first <c>min(count, Count)</c> samples as a new dataset with its own copy (smoke and quick profiles).</summary>
    public TensorDataset Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return Slice(0, Math.Min(count, Count));
    }

    /// <summary>Samples <c>start .. start+count-1</c> as a new dataset with its own copy.</summary>
    public TensorDataset Slice(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (start + (long)count > Count)
            throw new ArgumentOutOfRangeException(nameof(count), $"{start}+{count} exceeds the {Count} samples of {Name}");
        using var scope = NewDisposeScope();
        var images = Images.narrow(0, start, count).clone();
        var labels = Labels.narrow(0, start, count).clone();
        return new TensorDataset($"{Name}[{start}:{start + count}]", images, labels, NumClasses);
    }

    /// <summary>
    /// Mini-batches <c>(x [B,C,H,W], y [B])</c> sliced on the device the data lives on; the last partial batch is
    /// kept. With <paramref name="shuffle"/>, the order is <c>torch.randperm</c> drawn from <paramref name="generator"/>
    /// (TorchSharp's global generator when null) on the generator's device.
    /// Ownership: every yielded tensor is new storage owned by the caller, who disposes it (<c>using</c>, or a dispose
    /// scope that is active while the enumerator runs); changing a batch never changes the dataset.
    /// <code>
    /// foreach (var (x, y) in train.Batches(128, shuffle: true, generator))
    /// {
    ///     using var scope = torch.NewDisposeScope();
    ///     using (x) using (y) { /* forward, backward, step */ }
    /// }
    /// </code>
    /// </summary>
    public IEnumerable<(Tensor x, Tensor y)> Batches(int batchSize, bool shuffle, Generator? generator = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        return shuffle ? ShuffledBatches(batchSize, generator) : OrderedBatches(batchSize);
    }

    /// <summary>How many batches <see cref="Batches"/> yields: <c>ceil(Count / batchSize)</c>.</summary>
    public int BatchCount(int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        return (Count + batchSize - 1) / batchSize;
    }

    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }

    public override string ToString() => $"{Name}: {Count} × [{Channels},{Height},{Width}], {NumClasses} classes on {Device}";

    private IEnumerable<(Tensor x, Tensor y)> OrderedBatches(int batchSize)
    {
        for (int start = 0; start < Count; start += batchSize)
        {
            int n = Math.Min(batchSize, Count - start);
            using var xView = Images.narrow(0, start, n);
            using var yView = Labels.narrow(0, start, n);
            yield return (xView.clone(), yView.clone());
        }
    }

    private IEnumerable<(Tensor x, Tensor y)> ShuffledBatches(int batchSize, Generator? generator)
    {
        using var drawn = randperm(Count, dtype: ScalarType.Int64, device: generator?.device ?? CPU, generator: generator);
        using var order = drawn.to(Images.device);
        for (int start = 0; start < Count; start += batchSize)
        {
            using var index = order.narrow(0, start, Math.Min(batchSize, Count - start));
            yield return (Images.index_select(0, index), Labels.index_select(0, index));
        }
    }

    private static bool SameDevice(Device a, Device b) =>
        a.type == b.type && (a.type == DeviceType.CPU || Math.Max(a.index, 0) == Math.Max(b.index, 0));

    /// <summary>Turns bytes read from disk into a dataset: pixels / 255 as float32, labels as int64.</summary>
    internal static TensorDataset FromBytes(string name, ByteImages images, byte[] labels, int numClasses)
    {
        using var scope = NewDisposeScope();
        var x = tensor(images.Pixels, [images.Count, images.Channels, images.Height, images.Width])
            .to(ScalarType.Float32).div_(255);
        var y = tensor(labels, [labels.Length]).to(ScalarType.Int64);
        return new TensorDataset(name, x, y, numClasses);
    }
}
