using System.Text.Json.Serialization;

namespace Learn2Perturb.Evaluation;

/// <summary>The gradient-masking sanity checks a careful reviewer asks for (docs/method.md §7; AutoAttack's checks).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SanityCheck>))] // results files say "ZeroGradients", not 4
public enum SanityCheck
{
    /// <summary>The model gives different outputs for the same input, yet a gradient attack used one draw per gradient.</summary>
    StochasticWithoutEot,

    /// <summary>Robust accuracy does not approach 0 as ε grows, or rises with ε.</summary>
    AccuracyNotVanishing,

    /// <summary>More attack steps (or restarts, or EOT draws: <see cref="Experiments.StrengthSweeps"/>) gave the defender a higher accuracy.</summary>
    MoreStepsHelpDefender,

    /// <summary>A black-box attack (transfer, few-pixel) beat the white-box ones.</summary>
    BlackBoxBeatsWhiteBox,

    /// <summary>Some inputs have an input gradient that is exactly zero.</summary>
    ZeroGradients,
}
