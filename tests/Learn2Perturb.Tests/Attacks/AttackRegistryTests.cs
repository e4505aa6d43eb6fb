using Learn2Perturb.Attacks;

namespace Learn2Perturb.Tests.Attacks;

public sealed class AttackRegistryTests
{
    [Theory]
    [InlineData("fgsm", "FGSM")]
    [InlineData("eot-fgsm", "EOT-FGSM-x30")]
    [InlineData("pgd", "PGD-7")]
    [InlineData("PGD-20", "PGD-20")]
    [InlineData("pgd-7-r5", "PGD-7-r5")]
    [InlineData("eot-pgd", "EOT-PGD-7x30")]
    [InlineData("eot-pgd-40", "EOT-PGD-40x30")]
    [InlineData("apgd-ce", "APGD-CE-EOT20")]
    [InlineData("apgd-dlr", "APGD-DLR-EOT20")]
    public void BudgetAttacksAreFoundByName(string name, string expected)
    {
        var attack = AttackRegistry.Budget(name, ThreatModel.Paper);
        Assert.Equal(expected, attack.Name);
        Assert.Equal(ThreatModel.Paper, attack.Threat);
        Assert.False(AttackRegistry.IsMinimal(name));
    }

    [Fact]
    public void ThePapersPgdUsesTheStepOfTheTable()
    {
        var pgd = Assert.IsType<Pgd>(AttackRegistry.Budget("pgd", ThreatModel.Paper));
        Assert.Equal(PgdOptions.Paper, pgd.Options);
        Assert.Equal(20, Assert.IsType<Apgd>(AttackRegistry.Budget("apgd-ce", ThreatModel.Paper)).Options.EotSamples);
        Assert.Equal("PGD-L2-7", AttackRegistry.Budget("pgd", ThreatModel.L2(0.5)).Name);
    }

    [Fact]
    public void TransferAttacksWrapABudgetAttackByName()
    {
        using var source = TorchSharp.torch.nn.Sequential(TorchSharp.torch.nn.Flatten(), TorchSharp.torch.nn.Linear(16, 3));
        var attack = AttackRegistry.Transfer("pgd", ThreatModel.Paper, source, "mlp");
        Assert.Equal("Transfer(PGD-7 from mlp)", attack.Name);
        Assert.Same(source, Assert.IsType<TransferAttack>(attack).Source);
        Assert.Throws<ArgumentException>(() => AttackRegistry.Transfer("cw-l2", ThreatModel.Paper, source, "mlp"));
    }

    [Theory]
    [InlineData("cw-l2", "CW-L2-k0-9x100")]
    [InlineData("cw-l2-k5", "CW-L2-k5-9x100")]
    [InlineData("few-pixel-1", "FewPixel-1")]
    [InlineData("few-pixel-3", "FewPixel-3")]
    public void MinimalAttacksAreFoundByName(string name, string expected)
    {
        Assert.Equal(expected, AttackRegistry.Minimal(name).Name);
        Assert.True(AttackRegistry.IsMinimal(name));
    }

    [Theory]
    [InlineData("pdg")]
    [InlineData("apgd")]
    [InlineData("few-pixel")]
    public void UnknownNamesListTheValidOnes(string name)
    {
        var e = Assert.Throws<ArgumentException>(() => AttackRegistry.Budget(name, ThreatModel.Paper));
        Assert.Contains($"'{name}'", e.Message);
        Assert.Contains("apgd-dlr", e.Message);
        Assert.Contains("few-pixel-K", e.Message);
    }

    [Fact]
    public void AskingForTheWrongKindSaysWhichKindItIs()
    {
        Assert.Contains("minimal attack", Assert.Throws<ArgumentException>(() => AttackRegistry.Budget("cw-l2", ThreatModel.Paper)).Message);
        Assert.Contains("budget attack", Assert.Throws<ArgumentException>(() => AttackRegistry.Minimal("pgd")).Message);
    }
}
