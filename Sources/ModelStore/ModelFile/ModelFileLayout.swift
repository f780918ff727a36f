/// The names and versions of the Workbench model file format (docs/model-format.md).
enum ModelFileLayout {
    /// Root attribute `format`.
    static let format = "workbench-model"
    /// Root attribute `format_version_major` of files written now: readers reject majors they do not know.
    static let majorVersion: Int64 = 3
    /// The majors this Workbench reads: 2 (node arrays compressed, explicit children) and 3 (level order).
    static let readableMajorVersions: ClosedRange<Int64> = 2 ... 3
    /// Root attribute `format_version_minor`: additive changes; readers accept any minor of their major.
    static let minorVersion: Int64 = 0
    /// Root attribute `Conventions`, CF style.
    static let conventions = "workbench-model-3.0"

    /// Per-dataset checksum attribute.
    static let checksumAttribute = "sha256"
    /// Root attribute sealing every checksum.
    static let contentAttribute = "content_sha256"
    /// Root attribute holding `ModelMetadata` as JSON.
    static let metadataAttribute = "metadata_json"
}
