using Learn2Perturb.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Learn2Perturb.Tests.Data;

public sealed class TensorDatasetTests
{
    /// <summary>Image i is filled with i/100 and labelled i, so every batch says which samples it holds.</summary>
    private static TensorDataset Numbered(int n)
    {
        using var scope = NewDisposeScope();
        var images = arange(n, dtype: ScalarType.Float32).div(100).view(n, 1, 1, 1).expand(n, 1, 2, 2).contiguous();
        return new TensorDataset("numbered", images, arange(n, dtype: ScalarType.Int64), numClasses: n);
    }

    [Fact]
    public void Ordered_batches_keep_the_last_partial_batch_and_the_order()
    {
        using var data = Numbered(10);

        var batches = data.Batches(4, shuffle: false).ToList();

        Assert.Equal(new long[] { 4, 4, 2 }, batches.Select(b => b.x.shape[0]));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), batches.SelectMany(b => b.y.data<long>().ToArray()));
        Assert.Equal(3, data.BatchCount(4));
        foreach (var (x, y) in batches)
        {
            Assert.Equal(y.to(ScalarType.Float32).div(100).data<float>().ToArray(), x[.., 0, 0, 0].data<float>().ToArray());
            x.Dispose();
            y.Dispose();
        }
    }

    [Fact]
    public void Seeded_shuffle_is_deterministic_and_covers_every_index_once()
    {
        using var data = Numbered(37);

        long[] Order(int seed)
        {
            using var g = new Generator((ulong)seed);
            return [.. data.Batches(8, shuffle: true, g).SelectMany(b => b.y.data<long>().ToArray())];
        }

        var first = Order(7);
        Assert.Equal(first, Order(7));
        Assert.NotEqual(first, Order(8));
        Assert.Equal(Enumerable.Range(0, 37).Select(i => (long)i), first.Order());
        Assert.NotEqual(Enumerable.Range(0, 37).Select(i => (long)i), first);
    }

    [Fact]
    public void Changing_a_batch_leaves_the_dataset_untouched()
    {
        using var data = Numbered(4);

        foreach (var (x, y) in data.Batches(4, shuffle: false))
        {
            x.add_(1);
            y.add_(1);
        }

        Assert.Equal(0.03f, data.Images[3, 0, 0, 0].item<float>(), 1e-6f);
        Assert.Equal(3L, data.Labels[3].item<long>());
    }

    [Fact]
    public void Take_and_Slice_copy_the_requested_samples()
    {
        using var data = Numbered(10);
        using var first = data.Take(3);
        using var middle = data.Slice(4, 2);
        using var all = data.Take(100);

        Assert.Equal(new long[] { 0, 1, 2 }, first.Labels.data<long>().ToArray());
        Assert.Equal(new long[] { 4, 5 }, middle.Labels.data<long>().ToArray());
        Assert.Equal("numbered[4:6]", middle.Name);
        Assert.Equal(10, all.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Slice(8, 3));
        data.Dispose();
        Assert.Equal(5L, middle.Labels[1].item<long>()); // its own storage survives the parent
    }

    [Fact]
    public void To_the_same_device_returns_the_same_dataset()
    {
        using var data = Numbered(2);
        Assert.Same(data, data.To(CPU));
    }

    [Fact]
    public void Constructor_rejects_wrong_dtypes_and_counts()
    {
        using var scope = NewDisposeScope();
        Assert.Throws<ArgumentException>(() => new TensorDataset("x", zeros(2, 1, 2, 2, dtype: ScalarType.Float64), zeros(2, dtype: ScalarType.Int64), 2));
        Assert.Throws<ArgumentException>(() => new TensorDataset("x", zeros(2, 1, 2, 2), zeros(2, dtype: ScalarType.Int32), 2));
        Assert.Throws<ArgumentException>(() => new TensorDataset("x", zeros(2, 1, 2, 2), zeros(3, dtype: ScalarType.Int64), 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Numbered(2).Batches(0, shuffle: false));
    }

    [Fact]
    public void Dataset_survives_the_dispose_scope_it_was_built_in()
    {
        TensorDataset data;
        using (NewDisposeScope())
            data = Numbered(3);
        using (data)
            Assert.Equal(2L, data.Labels[2].item<long>());
    }
}

[Collection(TorchRandomCollection.Name)]
public sealed class TensorDatasetGlobalRngTests
{
    [Fact]
    public void Shuffle_without_a_generator_follows_the_global_seed()
    {
        using var data = new TensorDataset("n", zeros(20, 1, 1, 1), arange(20, dtype: ScalarType.Int64), 20);

        long[] Order()
        {
            Learn2Perturb.Core.Compute.Seed(123);
            return [.. data.Batches(6, shuffle: true).SelectMany(b => b.y.data<long>().ToArray())];
        }

        Assert.Equal(Order(), Order());
    }
}
