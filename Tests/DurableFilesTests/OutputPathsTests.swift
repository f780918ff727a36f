import DurableFiles
import Foundation
import Testing

@Suite("Output paths checked before work")
struct OutputPathsTests {
    let folder: String

    init() throws {
        folder = NSTemporaryDirectory() + "output-paths-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: folder + "/data.csv", contents: Data("a\n1\n".utf8))
    }

    @Test("the same file is found through '..', a symbolic link and a hard link; another file is not")
    func sameFile() throws {
        let data = NamedPath("--data", folder + "/data.csv")
        try FileManager.default.createSymbolicLink(atPath: folder + "/link.csv", withDestinationPath: folder + "/data.csv")
        try FileManager.default.linkItem(atPath: folder + "/data.csv", toPath: folder + "/hard.csv")
        for spelling in [folder + "/sub/../data.csv", folder + "/link.csv", folder + "/hard.csv"] {
            #expect(throws: DurableFileError.refused(spelling, "--output \(spelling) is the same file as --data \(data.path); "
                + "refusing to overwrite an input. Choose another output path.")) {
                try OutputPaths.refuseOverwriting(NamedPath("--output", spelling), inputs: [data])
            }
        }
        _ = FileManager.default.createFile(atPath: folder + "/other.csv", contents: Data("a\n1\n".utf8))
        try OutputPaths.refuseOverwriting(NamedPath("--output", folder + "/other.csv"), inputs: [data])
        try OutputPaths.refuseOverwriting(NamedPath("--output", folder + "/new.csv"), inputs: [data])
    }

    @Test("an output at or below a protected folder is refused, also through a link; beside it is fine")
    func insideDirectory() throws {
        let registry = NamedPath("--registry", folder + "/sub")
        try FileManager.default.createSymbolicLink(atPath: folder + "/alias", withDestinationPath: folder + "/sub")
        for output in [folder + "/sub/new/x.h5", folder + "/alias/x.h5", folder + "/sub", folder + "/./sub/x.h5"] {
            #expect(throws: DurableFileError.self) {
                try OutputPaths.refuseInside(NamedPath("--output", output), directory: registry)
            }
        }
        try OutputPaths.refuseInside(NamedPath("--output", folder + "/subway.h5"), directory: registry)
        try OutputPaths.refuseInside(NamedPath("--output", folder + "/x.h5"), directory: NamedPath("--registry", folder + "/none"))
    }

    @Test("canonical paths resolve the existing part and keep the missing rest")
    func canonical() throws {
        let real = PathIdentity.canonical(folder)
        #expect(PathIdentity.canonical(folder + "/sub/../sub/a/b.h5") == real + "/sub/a/b.h5")
        #expect(PathIdentity.canonical(folder + "/missing/") == real + "/missing")
    }

    @Test("the extension decides the format, ignoring case; others are refused naming the option")
    func formats() throws {
        #expect(FileFormat(path: "a/b.CSV") == .csv)
        #expect(FileFormat(path: "m.hdf5") == .hdf5 && FileFormat(path: "m.h5") == .hdf5)
        #expect(FileFormat(path: "notes.txt") == nil && FileFormat(path: ".h5") == nil && FileFormat(path: "dir.h5/x") == nil)
        #expect(try FileFormat.require("m.h5", option: "--output", oneOf: [.hdf5], what: "a model file") == .hdf5)
        #expect(throws: DurableFileError.refused("model.csv", "--output model.csv: a model file must end in .h5 or .hdf5; "
            + "got '.csv' (the extension decides the format).")) {
            try FileFormat.require("model.csv", option: "--output", oneOf: [.hdf5], what: "a model file")
        }
        let refused = DurableFileError.refused("x", "sentence")
        #expect(refused.kind == .refused && refused.description == "sentence")
    }

    @Test("writability is probed for real and leaves nothing behind")
    func writable() throws {
        try OutputPaths.checkWritable(folder + "/out.h5")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["data.csv", "sub"])
        #expect(throws: DurableFileError(path: folder + "/no/out.h5", reason: "No such file or directory")) {
            try OutputPaths.checkWritable(folder + "/no/out.h5")
        }
        #expect(throws: DurableFileError(path: folder + "/sub", reason: "is a directory")) {
            try OutputPaths.checkWritable(folder + "/sub")
        }
    }

    @Test("check puts it together and returns the format")
    func check() throws {
        let format = try OutputPaths.check(NamedPath("--output", folder + "/p.h5"), formats: [.csv, .hdf5],
                                           what: "predictions", inputs: [NamedPath("--data", folder + "/data.csv")],
                                           protected: NamedPath("--registry", folder + "/sub"))
        #expect(format == .hdf5)
        #expect(throws: DurableFileError.self) {
            try OutputPaths.check(NamedPath("--output", folder + "/data.csv"), formats: [.csv], what: "predictions",
                                  inputs: [NamedPath("--data", folder + "/data.csv")])
        }
    }
}
