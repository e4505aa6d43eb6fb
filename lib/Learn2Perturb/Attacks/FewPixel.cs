using Learn2Perturb.Core;
using Learn2Perturb.Perturbation;
using static TorchSharp.torch;

namespace Learn2Perturb.Attacks;

/// <summary>
/// The few-pixel black-box attack (Su, Vargas &amp; Sakurai 2019; docs/method.md §5), written from the paper's description:
/// a candidate is k pixels, each (row, column, one value per channel); differential evolution (DE/rand/1, no
/// crossover) minimises the model's probability of the true class (averaged over
/// <see cref="FewPixelOptions.EotSamples"/> draws), stopping early once a candidate fools a majority of
/// <see cref="FewPixelOptions.SuccessDraws"/> fresh draws; a candidate that fools the averaged prediction but not the
/// fresh draws does not stop the evolution. Only images a majority of fresh draws classify correctly are attacked; the
/// final candidate succeeds only when a further majority of fresh draws, taken after the evolution chose it,
/// misclassify it. The distance is the number of pixels
/// changed (≤ k).
/// </summary>
public sealed class FewPixel : IMinimalAttack
{
    public FewPixel(FewPixelOptions options, double min = 0, double max = 1)
    {
        options.Validate();
        new ThreatModel(0, min, max).Validate();
        Options = options;
        Min = min;
        Max = max;
    }

    public FewPixelOptions Options { get; }

    public double Min { get; }

    public double Max { get; }

    public string Name => $"FewPixel-{Options.Pixels}" + (Options.EotSamples > 1 ? $"-EOT{Options.EotSamples}" : "");

    public AttackDescription Description => new(Options.EotSamples, RandomStart: true, UsesGradients: false);

    public int SuccessDraws => Options.SuccessDraws;

    public MinimalResult Perturb(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y)
    {
        using var mode = model.EvalMode();
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        int n = (int)x.shape[0];
        var draws = MinimalDraws.For(model, x, Options.EotSamples, Options.SuccessDraws);
        var attempted = FreshDraws.MajorityCorrect(model, x, y, draws.Success).cpu().data<bool>().ToArray();
        var adv = x.detach().clone();
        var success = new bool[n];
        var distance = Enumerable.Repeat(double.NaN, n).ToArray();
        for (int i = 0; i < n; i++)
        {
            if (!attempted[i]) continue;
            using var imageScope = NewDisposeScope();
            // The evolution stopped on draws it saw; the success is decided on new ones.
            var candidate = Evolve(model, x[i], y[i], draws);
            success[i] = Fools(model, candidate, y[i], draws);
            if (!success[i]) continue;
            adv[i] = candidate;
            distance[i] = x[i].ne(candidate).any(0).sum().item<long>(); // pixels with any channel changed
        }
        return new MinimalResult(adv.MoveToOuterDisposeScope(), success, distance, attempted, "pixels");
    }

    /// <summary>Differential evolution for one image [C,H,W]: the first candidate verified on fresh draws, else the fittest.</summary>
    private Tensor Evolve(nn.Module<Tensor, Tensor> model, Tensor image, Tensor label, MinimalDraws draws)
    {
        var genomes = Initial(image);
        var (fitness, fooling) = Fitness(model, image, label, genomes, draws.Eot);
        var found = Verified(model, image, label, genomes, fooling, draws);
        if (found is not null) return found;
        for (int generation = 0; generation < Options.Iterations; generation++)
        {
            using var step = NewDisposeScope();
            var parents = rand(Options.Population, Options.Population, device: image.device).argsort(1)[.., ..3];
            var trial = genomes[parents[.., 0]] + Options.DifferentialWeight * (genomes[parents[.., 1]] - genomes[parents[.., 2]]);
            trial = Clip(trial, image);
            var (trialFitness, trialFooling) = Fitness(model, image, label, trial, draws.Eot);
            var better = trialFitness.le(fitness);
            genomes = where(better.view(-1, 1, 1), trial, genomes).MoveToOuterDisposeScope();
            fitness = where(better, trialFitness, fitness).MoveToOuterDisposeScope();
            found = Verified(model, image, label, trial, trialFooling, draws);
            if (found is not null) return found.MoveToOuterDisposeScope();
        }
        return Apply(image, genomes[fitness.argmin().item<long>()].unsqueeze(0))[0];
    }

    /// <summary>The image of genome <paramref name="index"/> if it fools a majority of fresh draws, else null.</summary>
    private Tensor? Verified(nn.Module<Tensor, Tensor> model, Tensor image, Tensor label, Tensor genomes, long index, MinimalDraws draws)
    {
        if (index < 0) return null;
        var candidate = Apply(image, genomes[index].unsqueeze(0))[0];
        return Fools(model, candidate, label, draws) ? candidate : null;
    }

    private static bool Fools(nn.Module<Tensor, Tensor> model, Tensor candidate, Tensor label, MinimalDraws draws) =>
        FreshDraws.MajorityFooled(model, candidate.unsqueeze(0), label.view(1), draws.Success).item<bool>();

    /// <summary>Genomes [P, k, 2 + C]: row, column, then the pixel's new value per channel, all uniform.</summary>
    private Tensor Initial(Tensor image)
    {
        long c = image.shape[0], h = image.shape[1], w = image.shape[2];
        var g = rand(Options.Population, Options.Pixels, 2 + c, device: image.device);
        g[.., .., 0].mul_(h);
        g[.., .., 1].mul_(w);
        g[.., .., 2..].mul_(Max - Min).add_(Min);
        return Clip(g, image);
    }

    private Tensor Clip(Tensor g, Tensor image)
    {
        var rows = g[.., .., 0].clamp(0, image.shape[1] - 1e-4);
        var cols = g[.., .., 1].clamp(0, image.shape[2] - 1e-4);
        var values = g[.., .., 2..].clamp(Min, Max);
        return cat([rows.unsqueeze(2), cols.unsqueeze(2), values], 2);
    }

    /// <summary>
    /// True-class probability per genome and the index of a genome whose prediction is wrong (−1 if none), both from the
    /// mean over <paramref name="eot"/> draws. On a model that draws its noise per image the draws run as copies of the
    /// population, as many at once as <see cref="InputGradient.EotRowsPerPass"/> allows (a batch-shared draw keeps one
    /// pass per draw: copies in one pass would share it).
    /// </summary>
    private static (Tensor Fitness, long Fooling) Fitness(nn.Module<Tensor, Tensor> model, Tensor image, Tensor label, Tensor genomes, int eot)
    {
        var images = Apply(image, genomes);
        long p = images.shape[0];
        int perPass = eot > 1 && model.DrawsPerImage() ? InputGradient.CopiesPerPass(p, eot, images.device) : 1;
        Tensor? sum = null;
        for (int done = 0; done < eot; done += perPass)
        {
            int c = Math.Min(perPass, eot - done);
            var pass = model.forward(InputGradient.Copies(images, c)).softmax(1).view(c, p, -1).sum(dim: 0);
            sum = sum is null ? pass : sum + pass;
        }
        var probabilities = sum! / eot;
        var fitness = probabilities[.., label.item<long>()];
        var fooled = probabilities.argmax(1).ne(label).nonzero();
        long fooling = fooled.shape[0] > 0 ? fooled[0, 0].item<long>() : -1;
        return (fitness.MoveToOuterDisposeScope(), fooling);
    }

    /// <summary>Copies of the image [P,C,H,W] with each genome's k pixels written in.</summary>
    private static Tensor Apply(Tensor image, Tensor genomes)
    {
        long p = genomes.shape[0], k = genomes.shape[1], c = image.shape[0], h = image.shape[1], w = image.shape[2];
        var pixel = genomes[.., .., 0].floor().to_type(ScalarType.Int64) * w + genomes[.., .., 1].floor().to_type(ScalarType.Int64);
        var index = pixel.unsqueeze(1).expand(p, c, k);
        var values = genomes[.., .., 2..].permute(0, 2, 1).to_type(image.dtype);
        var flat = image.reshape(1, c, h * w).expand(p, c, h * w).clone();
        return flat.scatter_(2, index, values).view(p, c, h, w);
    }
}
