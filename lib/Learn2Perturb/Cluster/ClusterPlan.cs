using System.Text.Json.Serialization;
using Learn2Perturb.Experiments;
using Learn2Perturb.Runs;

namespace Learn2Perturb.Cluster;

/// <summary>
/// The experiments of a table or figure as cluster work: the unique trainings (deduplicated by run id, so table cells,
/// figure sweeps and transfer sources that train the same model train it once) and the unique evaluations, each with the
/// trainings it needs. Its <see cref="Id"/> hashes that content, so the same experiments plan to the same folder.
/// </summary>
public sealed record ClusterPlan(string Id, string Profile, IReadOnlyList<PlannedTraining> Trainings, IReadOnlyList<PlannedEvaluation> Evaluations)
{
    /// <summary>The folder of the run store that holds the plans: <c>&lt;runs&gt;/cluster/&lt;plan id&gt;/</c>.</summary>
    public const string StoreFolder = "cluster";

    public const string FileName = "plan.json";

    /// <summary>Config files for the experiments no catalogue name reproduces (transfer sources, configs given as files), by relative path.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, ExperimentConfig> ConfigFiles { get; init; } = new Dictionary<string, ExperimentConfig>();

    /// <summary>Every planned experiment name, in plan order.</summary>
    [JsonIgnore]
    public IEnumerable<string> ExperimentNames => Evaluations.SelectMany(e => e.Experiments);

    public static string DirectoryIn(string runsRoot, string id) => Path.Combine(runsRoot, StoreFolder, id);

    /// <exception cref="ArgumentException">No experiments, or one whose config is invalid (the message names it).</exception>
    public static ClusterPlan Build(IReadOnlyList<ExperimentConfig> configs, Learn2Perturb.Experiments.Profile profile)
    {
        if (configs.Count == 0) throw new ArgumentException("a plan needs at least one experiment", nameof(configs));
        var builder = new Builder();
        foreach (var c in configs) builder.Add(c);
        var trainings = builder.Trainings.Select(t => t with { Experiments = [.. t.Experiments.Distinct()] }).ToList();
        var evaluations = builder.Evaluations.Select(e => e with { Experiments = [.. e.Experiments.Distinct()] }).ToList();
        var id = ConfigHash.Of(new { profile = profile.ToName(), trainings = trainings.Select(t => t.RunId), evaluations = evaluations.Select(e => $"{e.RunId}/{e.ResultKey}") });
        return new ClusterPlan(id, profile.ToName(), trainings, evaluations) { ConfigFiles = builder.Files };
    }

    /// <summary>Writes <c>plan.json</c> and the config files into <paramref name="directory"/>.</summary>
    public void WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var (path, config) in ConfigFiles) AtomicFile.WriteAllText(Path.Combine(directory, path), RunJson.Serialize(config, indented: true));
        AtomicFile.WriteAllText(Path.Combine(directory, FileName), RunJson.Serialize(this, indented: true));
    }

    /// <exception cref="RunFileException">The plan file is missing fields or is not JSON.</exception>
    public static ClusterPlan Read(string directory) => RunJson.ReadFile<ClusterPlan>(Path.Combine(directory, FileName), "cluster plan");

    private sealed class Builder
    {
        private readonly Dictionary<string, int> trainingByRun = [];
        private readonly Dictionary<string, int> evaluationByResult = [];

        public List<PlannedTraining> Trainings { get; } = [];

        public List<PlannedEvaluation> Evaluations { get; } = [];

        public Dictionary<string, ExperimentConfig> Files { get; } = [];

        public void Add(ExperimentConfig config)
        {
            config.Validate();
            int training = AddTraining(config, config.Name);
            var runId = ConfigHash.Of(config.Training);
            var key = "eval-" + ConfigHash.Of(config.Evaluation);
            if (!evaluationByResult.TryGetValue($"{runId}/{key}", out int index))
            {
                index = Evaluations.Count;
                evaluationByResult[$"{runId}/{key}"] = index;
                Evaluations.Add(new PlannedEvaluation(index, runId, key, Argument(config), [], [training, .. Trainings[training].After]));
            }
            Evaluations[index] = Evaluations[index] with { Experiments = [.. Evaluations[index].Experiments, config.Name] };
        }

        private int AddTraining(ExperimentConfig config, string experiment)
        {
            var after = TransferModels.Experiments(config).Select(s => AddTraining(s, s.Name)).Distinct().Order().ToList();
            var runId = ConfigHash.Of(config.Training);
            if (!trainingByRun.TryGetValue(runId, out int index))
            {
                index = Trainings.Count;
                trainingByRun[runId] = index;
                var t = config.Training;
                Trainings.Add(new PlannedTraining(index, runId, Argument(config), [], t.Dataset, t.Model, t.Defense, t.Options.Epochs, after));
            }
            Trainings[index] = Trainings[index] with { Experiments = [.. Trainings[index].Experiments, experiment] };
            return index;
        }

        /// <summary>The catalogue name when it reproduces the config exactly, otherwise a config file written with the plan.</summary>
        private string Argument(ExperimentConfig config)
        {
            var canonical = RunJson.Canonical(config);
            if (ExperimentCatalog.Names.Contains(config.Name) && RunJson.Canonical(ExperimentCatalog.Get(config.Name, config.Profile)) == canonical)
                return config.Name;
            var path = $"configs/{ConfigHash.OfCanonical(canonical)}.json";
            Files[path] = config;
            return path;
        }
    }
}
