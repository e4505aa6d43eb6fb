using System.Security.Cryptography;
using System.Text;

namespace Learn2Perturb.Runs;

/// <summary>
/// A run's identity: the SHA-256 of its config's canonical JSON (<see cref="RunJson.Canonical"/>), first 12 hex
/// digits. Records compare collections by reference, so identity goes through JSON, not record equality (docs/architecture.md §3).
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
