namespace Learn2Perturb.Data;

/// <summary>
/// One downloadable archive: where it is, what it must hash to, and the folder it extracts to under a data root.
/// The official entries come from <see cref="CifarManifest"/>; tests build their own for tiny archives.
/// </summary>
/// <param name="Kind">Which dataset the archive holds (decides the files that must come out of it).</param>
/// <param name="Url">Where to download it.</param>
/// <param name="FileName">The tarball's name under the data root while downloading and after.</param>
/// <param name="Bytes">Exact size in bytes.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the tarball.</param>
/// <param name="Md5">Lower-case hex MD5 (the checksum the dataset's authors publish); null to skip.</param>
/// <param name="Directory">The folder the archive holds, e.g. <c>cifar-10-batches-bin</c>.</param>
public sealed record CifarArchive(CifarKind Kind, string Url, string FileName, long Bytes, string Sha256, string? Md5, string Directory)
{
    /// <summary><c>cifar10</c> or <c>cifar100</c>.</summary>
    public string DatasetName => Cifar.DatasetName(Kind);
}
