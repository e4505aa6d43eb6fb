using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Learn2Perturb.Runs;

namespace Learn2Perturb.Experiments;

/// <summary>
/// Changes to an experiment's config written as <c>key=value</c>: how a notebook's parameters cell builds ablation
/// variants and how <c>l2p train … --set key=value</c> changes one setting. A key is a short name from
/// <see cref="ShortNames"/> (<c>gamma</c>, <c>theta0</c>, <c>scheme</c>, …) or any setting's path in the config's JSON
/// as <c>l2p experiments NAME --json</c> prints it (<c>training.options.epochs</c>). Values are checked by the config's
/// own validation; the changed training config hashes to its own run id, so a variant is trained once and then reused.
/// </summary>
public static class ConfigOverrides
{
    /// <summary>The short names of the settings the ablations vary (docs/method.md §7), with the JSON path each stands for.</summary>
    public static IReadOnlyDictionary<string, string> ShortNames { get; } = new Dictionary<string, string>
    {
        ["gamma"] = "training.options.regularizer.gamma",
        ["annealing"] = "training.options.regularizer.annealing",
        ["scheme"] = "training.options.scheme",
        ["theta0"] = "training.perturbation.theta0",
        ["thetamin"] = "training.perturbation.theta_min",
        ["sampling"] = "training.perturbation.sampling",
        ["placement"] = "training.perturbation.placement",
        ["epochs"] = "training.options.epochs",
        ["lr"] = "training.options.learning_rate",
        ["seed"] = "training.options.seed",
        ["train-images"] = "training.train_images",
        ["test-noise"] = "evaluation.test_time_noise",
        ["test-images"] = "evaluation.test_images",
        ["repeats"] = "evaluation.repeats",
    };

    /// <summary>
    /// The variant of <paramref name="config"/> that <paramref name="assignments"/> describe (<c>key=value</c>, several
    /// separated by commas), named after them below the config's own name: <c>table1/resnet-v1-20/l2p</c> with
    /// <c>gamma=5e-3</c> becomes <c>table1/resnet-v1-20/l2p/gamma=5e-3</c>. An empty string is the config itself (a
    /// parameters cell's baseline).
    /// </summary>
    /// <exception cref="ArgumentException">An assignment without '=', an unknown key (the closest known one named), or a value the setting does not take.</exception>
    public static ExperimentConfig Variant(ExperimentConfig config, string assignments)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(assignments);
        var parts = assignments.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0) return config;
        return Apply(config, parts) with { Name = config.Name + "/" + string.Join(",", parts) };
    }

    /// <summary>
    /// One variant of <paramref name="baseline"/> per (name, settings) pair, named <c>&lt;group&gt;/&lt;name&gt;</c>: a
    /// notebook's parameters cell. Settings are as <see cref="Variant"/> takes them; empty settings are the baseline.
    /// </summary>
    /// <exception cref="ArgumentException">A bad setting (as <see cref="Variant"/>) or two variants of one name.</exception>
    public static IReadOnlyList<ExperimentConfig> Variants(ExperimentConfig baseline, IEnumerable<(string Name, string Settings)> variants)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(variants);
        var list = variants.ToList();
        var twice = list.GroupBy(v => v.Name).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new ArgumentException($"two variants are named '{twice.Key}': give each its own name", nameof(variants));
        string group = baseline.Name[..(baseline.Name.LastIndexOf('/') + 1)];
        return [.. list.Select(v => Variant(baseline, v.Settings) with { Name = group + v.Name })];
    }

    /// <summary><paramref name="config"/> with every <c>key=value</c> of <paramref name="assignments"/> applied; the name is kept.</summary>
    /// <exception cref="ArgumentException">As <see cref="Variant"/>.</exception>
    public static ExperimentConfig Apply(ExperimentConfig config, IEnumerable<string> assignments)
    {
        ArgumentNullException.ThrowIfNull(config);
        var list = assignments.ToList();
        var json = JsonSerializer.SerializeToNode(config, RunJson.Options)!.AsObject();
        foreach (var assignment in list) Set(json, assignment);
        ExperimentConfig changed;
        try
        {
            // The same check a config file gets: a key no setting reads is named, with the closest one that does.
            RunJson.CheckKeys(JsonSerializer.SerializeToElement(json, RunJson.Options), typeof(ExperimentConfig), "");
            changed = json.Deserialize<ExperimentConfig>(RunJson.Options) ?? throw new JsonException("the config is null");
        }
        catch (JsonException e) { throw new ArgumentException($"{string.Join(", ", list)}: {e.Message}", e); }
        changed.Validate();
        return changed;
    }

    private static void Set(JsonObject root, string assignment)
    {
        int equals = assignment.IndexOf('=');
        if (equals <= 0) throw new ArgumentException($"'{assignment}': expected key=value, e.g. gamma=5e-3");
        string key = assignment[..equals].Trim(), text = assignment[(equals + 1)..].Trim();
        if (!ShortNames.TryGetValue(key.ToLowerInvariant(), out var path))
        {
            if (!key.Contains('.'))
                throw new ArgumentException($"unknown setting '{key}': did you mean '{RunJson.Closest(key, ShortNames.Keys)}'? Short names: " +
                    $"{string.Join(", ", ShortNames.Keys)}; any other setting by its path in `l2p experiments NAME --json`'s \"config\"");
            path = key;
        }
        var names = path.Split('.');
        var parent = root;
        // A setting that is null until an ablation sets it (training.perturbation) is created on the way.
        foreach (var name in names[..^1])
            parent = parent[name] as JsonObject ?? (JsonObject)(parent[name] = new JsonObject());
        parent[names[^1]] = Value(text, RunJson.MemberType(typeof(ExperimentConfig), names));
    }

    // The text as the JSON of the setting's type: enum names are snake_case there (shared-across-batch → shared_across_batch);
    // an unknown setting keeps the text, and the key check then names it.
    private static JsonNode? Value(string text, Type? type)
    {
        if (text is "null") return null;
        if (type is not null && type.IsEnum) return JsonValue.Create(text.Replace('-', '_').ToLowerInvariant());
        if (type == typeof(bool) && bool.TryParse(text, out var flag)) return JsonValue.Create(flag);
        bool number = type is not null && (type == typeof(int) || type == typeof(long) || type == typeof(double) || type == typeof(float));
        if (number && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole)) return JsonValue.Create(whole);
        if (number && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)) return JsonValue.Create(real);
        return JsonValue.Create(text);
    }
}
