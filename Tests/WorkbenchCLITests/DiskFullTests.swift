import Foundation
import Testing
import TestSupport

/// Every HDF5 write on a full disk ends with exit 73 and one line naming the requested path and
/// ENOSPC, leaves no temporary and registers nothing (issue 10, item 1: it used to SIGSEGV in
/// libhdf5's exit handler). Runs for real on a 1 MiB tmpfs, which needs root (CI runs as root).
@Suite("disk full", .serialized)
struct DiskFullTests {
    let breastw = TestSupport.datasetsDirectory.appendingPathComponent("odds/breastw.csv").path

    @Test("train --output, train --register and predict --output (.h5, .csv) on a full disk exit 73 cleanly",
          .enabled(if: getuid() == 0, "skipped: mounting a size-limited tmpfs needs root (CI runs as root)"))
    func fullDisk() throws {
        let scratch = try TestSupport.makeTemporaryDirectory("disk-full")
        let full = scratch.appendingPathComponent("full").path
        try FileManager.default.createDirectory(atPath: full, withIntermediateDirectories: false)
        let mount = try TestSupport.run(URL(fileURLWithPath: "/bin/mount"), ["-t", "tmpfs", "-o", "size=1M", "tmpfs", full])
        try #require(mount.status == 0, "mount failed: \(mount.standardError)")
        defer {
            _ = try? TestSupport.run(URL(fileURLWithPath: "/bin/umount"), [full])
            try? FileManager.default.removeItem(at: scratch)
        }
        let model = scratch.appendingPathComponent("m.h5").path
        let trained = try TestSupport.workbench([
            "train", "--data", breastw, "--target", "label", "--algorithm", "random-forest-classifier", "--trees", "5",
            "--output", model,
        ])
        try #require(trained.status == 0, "\(trained.standardError)")
        try FileManager.default.createDirectory(atPath: full + "/models", withIntermediateDirectories: false)
        let filler = try TestSupport.run(URL(fileURLWithPath: "/bin/dd"), ["if=/dev/zero", "of=\(full)/fill", "bs=1024", "count=1020"])
        try #require(filler.status == 0 || filler.standardError.contains("No space left"), "\(filler.standardError)")

        let train = ["train", "--data", breastw, "--target", "label", "--algorithm", "random-forest-classifier", "--trees", "5"]
        let runs: [(arguments: [String], path: String)] = [
            (train + ["--output", full + "/m.h5"], full + "/m.h5"),
            (train + ["--register", "cpu", "--registry", full + "/models"], full + "/models/cpu/v1.h5"),
            (["predict", "--model", model, "--data", breastw, "--output", full + "/p.h5"], full + "/p.h5"),
            (["predict", "--model", model, "--data", breastw, "--output", full + "/p.csv"], full + "/p.csv"),
        ]
        for (arguments, path) in runs {
            let run = try TestSupport.workbench(arguments)
            #expect(run.status == 73, "\(arguments.last!): \(run.status) \(run.standardError)")
            #expect(run.standardError == "error: \(path): cannot write: No space left on device\n")
        }
        let left = (FileManager.default.enumerator(atPath: full)?.allObjects as? [String] ?? []).sorted()
        #expect(left == ["fill", "models"], "nothing registered, no temporary, no model folder left")
    }
}
