import Forests
import HDF5Kit

/// The parts both Random Forests store alike.
enum ForestParts {
    /// Writes `/forest`: the trees without sample counts (no prediction needs them), the
    /// configuration, importances and out-of-bag score.
    static func write(
        trees: [Tree], featureCount: Int, configuration: ForestConfiguration.Validated, importances: [Double],
        oob: Double?, with writer: ModelFileWriter
    ) throws(HDF5Error) -> HDF5Group {
        let group = try writer.group("forest", in: writer.root)
        try TreeEnsembleCodec.write(trees, into: group, featureCount: featureCount, withSampleCounts: false, with: writer)
        let json: String
        do {
            json = try ForestConfigurationRecord(configuration.values).json()
        } catch {
            throw HDF5Error(error.description)
        }
        try writer.setAttribute("configuration_json", .text(json), on: group)
        try writer.write(importances, to: "feature_importances", in: group)
        if let oob { try writer.setAttribute("oob_score", .float(oob), on: group) }
        return group
    }

    static func read(
        from file: StoredFile, featureCount: Int, valueWidth: Int
    ) throws(ModelStoreError) -> (trees: [Tree], configuration: ForestConfiguration.Validated, importances: [Double], oob: Double?) {
        let configuration = try ForestConfigurationRecord.read(from: file, key: "/forest@configuration_json")
        let trees = try TreeEnsembleCodec.read(
            from: file, group: "/forest", featureCount: featureCount, valueWidth: valueWidth, withSampleCounts: false)
        let importances = try file.doubles("/forest/feature_importances", count: featureCount)
        let oob = file.attributes["/forest@oob_score"] == nil ? nil : try file.float("/forest@oob_score")
        return (trees, configuration, importances, oob)
    }

    /// Rows whose values sit exactly on, and one float32 step above, the split thresholds:
    /// where a reader that compares in float64 or with `<` instead of `<=` goes astray.
    static func boundaryRows(_ trees: [Tree], featureCount: Int, count: Int = 6) -> [[Float]] {
        var thresholds = [[Float]](repeating: [], count: featureCount)
        for tree in trees {
            for (feature, threshold) in zip(tree.features, tree.thresholds) where feature >= 0 {
                if thresholds[Int(feature)].count < count / 2, !thresholds[Int(feature)].contains(threshold) {
                    thresholds[Int(feature)].append(threshold)
                }
            }
        }
        return (0 ..< count).map { row in
            thresholds.map { values in
                guard !values.isEmpty else { return 0 }
                let value = values[(row / 2) % values.count]
                return row.isMultiple(of: 2) ? value : value.nextUp
            }
        }
    }
}
