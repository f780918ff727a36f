/// The names and versions of the Workbench model file format (docs/model-format.md).
enum ModelFileLayout {
    /// Root attribute `format`.
    static let format = "workbench-model"
    /// Root attribute `format_version_major`: readers reject other majors.
    static let majorVersion: Int64 = 2
    /// Root attribute `format_version_minor`: additive changes; readers accept any minor of their major.
    static let minorVersion: Int64 = 0
    /// Root attribute `Conventions`, CF style.
    static let conventions = "workbench-model-2.0"

    /// Per-dataset checksum attribute.
    static let checksumAttribute = "sha256"
    /// Root attribute sealing every checksum.
    static let contentAttribute = "content_sha256"
    /// Root attribute holding `ModelMetadata` as JSON.
    static let metadataAttribute = "metadata_json"
}
