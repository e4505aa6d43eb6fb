using Learn2Perturb.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Learn2Perturb.Tests.Data;

public sealed class BatchAugmentTests
{
    private static Tensor Batch(long n, long c, long h, long w, ulong seed)
    {
        using var g = new Generator(seed);
        return rand([n, c, h, w], generator: g);
    }

    private static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    [Fact]
    public void Output_has_the_input_shape_and_stays_in_the_pixel_range()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(1);
        var x = Batch(16, 3, 8, 8, seed: 2);

        var y = BatchAugment.RandomCropFlip(x, padding: 4, g: g);

        Assert.Equal(x.shape, y.shape);
        Assert.True(y.min().item<float>() >= 0f && y.max().item<float>() <= 1f);
    }

    [Fact]
    public void No_padding_and_no_flip_is_the_identity()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(1);
        var x = Batch(5, 3, 6, 7, seed: 3);

        Assert.True(Same(BatchAugment.RandomCropFlip(x, padding: 0, g: g, flipProbability: 0), x));
        Assert.True(Same(BatchAugment.RandomCropFlip(x, padding: 0, g: g, flipProbability: 1), x.flip(3)));
    }

    [Fact]
    public void Every_sample_is_one_crop_or_flipped_crop_of_its_padded_image()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(11);
        const int p = 2;
        var x = Batch(12, 2, 5, 6, seed: 4);
        var padded = nn.functional.pad(x, [p, p, p, p]);

        var y = BatchAugment.RandomCropFlip(x, padding: p, g: g);

        var seen = new HashSet<(long, long, bool)>();
        for (long i = 0; i < x.shape[0]; i++)
        {
            var match = Candidates(padded[i], p, 5, 6).Where(c => Same(c.Crop, y[i])).ToList();
            Assert.NotEmpty(match);
            seen.Add(match[0].Key);
        }
        Assert.True(seen.Count > 1, "offsets and flips vary across the batch");
    }

    private static IEnumerable<((long, long, bool) Key, Tensor Crop)> Candidates(Tensor image, int p, long h, long w)
    {
        for (long dy = 0; dy <= 2 * p; dy++)
            for (long dx = 0; dx <= 2 * p; dx++)
            {
                var crop = image[.., TensorIndex.Slice(dy, dy + h), TensorIndex.Slice(dx, dx + w)];
                yield return ((dy, dx, false), crop);
                yield return ((dy, dx, true), crop.flip(2));
            }
    }

    [Fact]
    public void Same_seed_same_augmentation_and_x_is_not_mutated()
    {
        using var scope = NewDisposeScope();
        var x = Batch(8, 3, 8, 8, seed: 5);
        var before = x.clone();
        using var g1 = new Generator(9);
        using var g2 = new Generator(9);

        Assert.True(Same(BatchAugment.RandomCropFlip(x, 4, g1), BatchAugment.RandomCropFlip(x, 4, g2)));
        Assert.True(Same(x, before));
    }

    [Fact]
    public void About_half_the_samples_are_flipped()
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(21);
        var x = arange(4, dtype: ScalarType.Float32).view(1, 1, 1, 4).expand(4000, 1, 1, 4);

        var y = BatchAugment.RandomCropFlip(x, padding: 0, g: g);

        double flipped = y[.., 0, 0, 0].eq(3).sum().item<long>() / 4000.0;
        Assert.InRange(flipped, 0.45, 0.55);
    }

    [Fact]
    public void Invalid_arguments_are_rejected()
    {
        using var scope = NewDisposeScope();
        Assert.Throws<ArgumentException>(() => BatchAugment.RandomCropFlip(zeros(3, 4, 4)));
        Assert.Throws<ArgumentOutOfRangeException>(() => BatchAugment.RandomCropFlip(zeros(1, 1, 4, 4), padding: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => BatchAugment.RandomCropFlip(zeros(1, 1, 4, 4), flipProbability: 1.5));
    }
}
