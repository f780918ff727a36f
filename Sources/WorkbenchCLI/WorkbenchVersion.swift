/// The version printed by `workbench --version` and recorded in model metadata.
enum WorkbenchVersion {
    static let current = "0.1.0"
}
