import Testing
@testable import NumericCore

@Suite("SHA-256 digests")
struct DigestTests {
    @Test("known vectors from FIPS 180-2")
    func knownVectors() {
        #expect(Digest.sha256Hex(Array("abc".utf8))
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Digest.sha256Hex([UInt8]())
            == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test("matrix digest covers its little-endian float32 bytes")
    func matrixDigest() throws {
        let matrix = try Matrix<Float>([[1, 2], [3, 4]])
        // python3 -c "import hashlib,numpy as np; print(hashlib.sha256(np.array([[1,2],[3,4]],'<f4').tobytes()).hexdigest())"
        #expect(Digest.sha256Hex(of: matrix)
            == "ad73b9acd6e4a74b2f5bb5386658ce3bb146cd040a1867646ab3b973fb6632b1")
    }
}
