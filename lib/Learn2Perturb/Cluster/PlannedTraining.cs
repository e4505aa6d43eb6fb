namespace Learn2Perturb.Cluster;

/// <summary>One unique training of a plan: one run of the store, one task of the training job array.</summary>
/// <param name="Index">The array task index.</param>
/// <param name="Argument">What the task passes to <c>l2p train</c>: a catalogue name, or a config file in the plan's folder.</param>
/// <param name="Experiments">Every planned experiment that trains this model (table cells of one model, a figure's sweeps), or the name of the transfer source it is.</param>
/// <param name="After">Trainings this one needs first (the transfer sources its own training reads).</param>
public sealed record PlannedTraining(int Index, string RunId, string Argument, IReadOnlyList<string> Experiments, string Dataset, string Model,
    string Defense, int Epochs, IReadOnlyList<int> After);
