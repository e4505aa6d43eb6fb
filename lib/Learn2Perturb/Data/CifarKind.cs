namespace Learn2Perturb.Data;

/// <summary>CIFAR-10 (10 classes) or CIFAR-100 (100 fine classes), both in the official binary format.</summary>
public enum CifarKind
{
    Cifar10,
    Cifar100,
}
