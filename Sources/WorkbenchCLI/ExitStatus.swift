import ArgumentParser
import Datasets
import DurableFiles
import Evaluation
import Features
import Forests
import HDF5Kit
import MetricsSource
import ModelStore
import NumericCore
import Pipeline
import Publishing

/// The sysexits codes that `workbench` ends with; schedulers act on them.
enum ExitStatus: Int32 {
    case ok = 0
    case usage = 64
    case badData = 65
    case inputMissing = 66
    case internalError = 70
    case cannotWrite = 73
    case temporaryFailure = 75
    case badConfiguration = 78

    /// The exit status for an error thrown by a library.
    static func of(_ error: any Error) -> ExitStatus {
        switch error {
        case let error as DatasetError:
            switch error {
            case .inputMissing: .inputMissing
            case .cannotWrite: .cannotWrite
            case .malformed, .missingColumn, .invalid: .badData
            case .unsupportedFormat: .usage
            }
        case let error as ForestError:
            switch error {
            case .invalidParameter: .usage
            case .invalidData: .badData
            }
        case let error as MetricsSourceError:
            switch error {
            case .unavailable: .temporaryFailure
            case .configuration: .badConfiguration
            case .queryFailed, .noData, .invalidValue: .badData
            case .invalidRequest: .usage
            case .cannotWrite: .cannotWrite
            case .malformedResponse: .internalError
            }
        case let error as ModelStoreError:
            switch error {
            case .notFound: .inputMissing
            case .corrupted: .badData
            case .invalidReference: .usage
            case .busy: .temporaryFailure
            case .cannotWrite: .cannotWrite
            case .notARegistry: .badConfiguration
            }
        case let error as DurableFileError:
            switch error.kind {
            case .cannotWrite: .cannotWrite
            case .refused: .usage
            }
        case let error as PipelineError:
            switch error {
            case .invalidRequest: .usage
            case .unsuitableData: .badData
            }
        case let error as PublishingError:
            switch error {
            case .invalidRequest: .usage
            case .notFound: .inputMissing
            case .corrupted: .badData
            case .cannotWrite: .cannotWrite
            case .unavailable: .temporaryFailure
            case .configuration: .badConfiguration
            }
        case is DurableFileError: .cannotWrite
        case let error as FeatureError:
            switch error {
            case .invalidSpec: .badConfiguration
            case .cannotRead: .inputMissing
            case .missingColumn, .invalidData: .badData
            }
        case is NumericError: .badData
        case is EvaluationError: .badData
        case is HDF5Error: .badData
        default: .internalError
        }
    }
}

/// Runs a command body, turning a library error into the command's final log line (`error: …`, or JSON
/// with `exit_code`) and the matching exit code.
func reportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as ExitCode {
        throw error
    } catch let error as ValidationError {
        throw error
    } catch {
        throw Log.failure("\(error)", status: ExitStatus.of(error).rawValue)
    }
}
