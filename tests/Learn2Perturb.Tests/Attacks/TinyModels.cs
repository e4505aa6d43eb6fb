using Learn2Perturb.Core;
using Learn2Perturb.Models;
using static TorchSharp.torch;

namespace Learn2Perturb.Tests.Attacks;

/// <summary>Small models for attack tests: a noisy ResNet-V1(8), linear models with a known geometry, a trained MLP.</summary>
internal static class TinyModels
{
    /// <summary>ResNet-V1(8) on 28×28 grey inputs with perturbation injection (noise on).</summary>
    public static ResNet NoisyResNet(long seed = 11)
    {
        Compute.Seed(seed);
        return ModelFactory.Create(ModelSpec.Parse("resnet-v1-8"), InputSpec.FashionMnist, new PerturbationOptions());
    }

    /// <summary>Logits [0, w·x + b] on flattened inputs: the decision boundary is w·x + b = 0.</summary>
    public static nn.Module<Tensor, Tensor> TwoClassLinear(Tensor w, double b)
    {
        var linear = nn.Linear(w.shape[0], 2);
        using (no_grad())
        {
            linear.weight!.zero_();
            linear.weight![1].copy_(w);
            linear.bias!.zero_();
            linear.bias![1].fill_(b);
        }
        return nn.Sequential(nn.Flatten(), linear);
    }

    /// <summary>
    /// A one-hidden-layer MLP trained for 300 full-batch SGD steps on 3 Gaussian blobs in 1×4×4 images (class k's
    /// mean is 0.5 + 0.3 along its own direction), so that attacks have a real decision boundary to cross.
    /// </summary>
    public static (nn.Module<Tensor, Tensor> Model, Tensor X, Tensor Y) TrainedMlp(long seed = 5, int n = 96, int classes = 3)
    {
        Compute.Seed(seed);
        var y = arange(n, dtype: ScalarType.Int64) % classes;
        var directions = randn(classes, 16);
        directions /= directions.norm(1, keepdim: true);
        var x = (0.5 + 0.3 * directions[y] + 0.03 * randn(n, 16)).clamp(0, 1).view(n, 1, 4, 4);
        var model = nn.Sequential(nn.Flatten(), nn.Linear(16, 32), nn.ReLU(), nn.Linear(32, classes));
        var optimizer = optim.SGD(model.parameters(), 0.5);
        for (int step = 0; step < 300; step++)
        {
            using var _ = NewDisposeScope();
            optimizer.zero_grad();
            nn.functional.cross_entropy(model.forward(x), y).backward();
            optimizer.step();
        }
        model.eval();
        return (model, x, y);
    }

    public static double Accuracy(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y)
    {
        using var _ = no_grad();
        return model.forward(x).argmax(1).eq(y).to_type(ScalarType.Float64).mean().item<double>();
    }

    /// <summary>A model that counts the forward passes of the model it wraps.</summary>
    public sealed class Counting : nn.Module<Tensor, Tensor>
    {
        private readonly nn.Module<Tensor, Tensor> inner;

        public Counting(nn.Module<Tensor, Tensor> inner) : base("counting")
        {
            this.inner = inner;
            RegisterComponents();
        }

        public int Passes { get; set; }

        public override Tensor forward(Tensor x)
        {
            Passes++;
            return inner.forward(x);
        }
    }

    /// <summary>A model plus N(0, std²) on its logits, drawn without a noise module (nothing declares it).</summary>
    public sealed class UndeclaredNoise : nn.Module<Tensor, Tensor>
    {
        private readonly nn.Module<Tensor, Tensor> inner;
        private readonly double std;

        public UndeclaredNoise(nn.Module<Tensor, Tensor> inner, double std) : base("undeclared-noise")
        {
            this.inner = inner;
            this.std = std;
            RegisterComponents();
        }

        public override Tensor forward(Tensor x)
        {
            var z = inner.forward(x);
            return z + std * randn_like(z);
        }
    }
}
