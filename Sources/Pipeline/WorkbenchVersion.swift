/// The version printed by `workbench --version` and recorded in model metadata.
public enum WorkbenchVersion {
    /// Semantic version of this build.
    public static let current = "0.1.0"
}
