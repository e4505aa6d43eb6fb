using System.Security.Cryptography;
using System.Text;

namespace Learn2Perturb.Runs;

/// <summary>
/// A run's identity: the SHA-256 of its config's canonical JSON (<see cref="RunJson.Canonical"/>), first 12 hex
/// digits. Records compare collections by reference, so identity goes through JSON, not record equality (docs/architecture.md §3).
/// <para>
/// The stability rule, for training configs (run ids) and evaluation configs (result keys) alike: a stored run or result
/// stays valid exactly as long as its config's canonical JSON does not change. So a new setting is a nullable field left
/// out of the JSON when null (<c>[JsonIgnore(Condition = WhenWritingNull)]</c>), null meaning the behaviour every stored
/// config already had; a setting whose old behaviour must never be reused is always written (a new field with a
/// non-null default, or a renamed enum value), so every config changes id. Names derived from a config (attack names)
/// are not hashed; they key values inside a stored result, so their format does not change either
/// (tests/…/StoreWrittenBeforeTests reads a store written by an earlier revision).
/// </para>
/// </summary>
public static class ConfigHash
{
    public const int Length = 12;

    public static string Of<T>(T config) => OfCanonical(RunJson.Canonical(config));

    public static string OfCanonical(string canonicalJson)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(canonicalJson));
        return Convert.ToHexStringLower(digest)[..Length];
    }
}
