namespace Learn2Perturb.Data;

/// <summary>Which half of a dataset: the official training or test split.</summary>
public enum DataSplit
{
    Train,
    Test,
}
