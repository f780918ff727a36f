import Crypto

/// SHA-256 digests for lineage and integrity: training matrices, arrays in model files, whole files.
///
/// Digests are over little-endian bytes in row-major order, so numpy can
/// recompute them with `hashlib.sha256(a.astype('<f4').tobytes())`.
public enum Digest {
    /// The lowercase hex SHA-256 of `bytes`.
    public static func sha256Hex(_ bytes: some Sequence<UInt8>) -> String {
        hex(SHA256.hash(data: Array(bytes)))
    }

    /// The lowercase hex SHA-256 of the raw little-endian bytes of `values`.
    /// - Complexity: O(n), no copy of the values.
    public static func sha256Hex<T: BitwiseCopyable>(ofValues values: [T]) -> String {
        values.withUnsafeBytes { hex(SHA256.hash(data: $0)) }
    }

    /// The lowercase hex SHA-256 of a float32 matrix's row-major little-endian bytes.
    public static func sha256Hex(of matrix: Matrix<Float>) -> String {
        sha256Hex(ofValues: matrix.storage)
    }

    /// An incremental SHA-256, for data that streams (files, pulled rows).
    public struct Hasher {
        private var state = SHA256()

        /// A hasher with nothing fed yet.
        public init() {}

        /// Feeds `bytes`.
        public mutating func update(_ bytes: UnsafeRawBufferPointer) {
            state.update(bufferPointer: bytes)
        }

        /// The lowercase hex digest of everything fed.
        public func finalizeHex() -> String {
            Digest.hex(state.finalize())
        }
    }

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
