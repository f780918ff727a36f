import Testing
@testable import NumericCore

@Suite("Column statistics and robust scaling")
struct StatisticsTests {
    let nan = Float.nan
    /// Column 0 plain, column 1 with missing values, column 2 all missing.
    var sample: Matrix<Float> {
        try! Matrix([[1, 10, nan], [2, nan, nan], [3, 30, nan], [4, 40, nan], [10, nan, nan]])
    }

    @Test("means, variances, minimums and maximums skip NaN")
    func moments() {
        let means = sample.columnMeans()
        #expect(means[0] == 4 && abs(means[1] - 80.0 / 3) < 1e-12 && means[2].isNaN)
        // np.nanvar([1,2,3,4,10]) = 10.0, np.nanvar([10,30,40]) = 155.555…
        let variances = sample.columnVariances()
        #expect(abs(variances[0] - 10) < 1e-12 && abs(variances[1] - 1400.0 / 9) < 1e-10 && variances[2].isNaN)
        #expect(abs(sample.columnVariances(deltaDegreesOfFreedom: 1)[0] - 12.5) < 1e-12)
        #expect(sample.columnMinimums()[0 ... 1] == [1, 10] && sample.columnMinimums()[2].isNaN)
        #expect(sample.columnMaximums()[0 ... 1] == [10, 40] && sample.columnMaximums()[2].isNaN)
        #expect(sample.columnPresentCounts() == [5, 3, 0])
    }

    @Test("variance survives a large offset")
    func varianceOffset() throws {
        let values: [Float] = [1e7 + 1, 1e7 + 2, 1e7 + 3, 1e7 + 4]
        let matrix = try Matrix(rows: 4, columns: 1, storage: values)
        #expect(abs(matrix.columnVariances()[0] - 1.25) < 1e-9)
    }

    @Test("quantiles interpolate linearly like numpy")
    func quantiles() throws {
        // np.nanquantile(x, [0, .25, .5, .9, 1], axis=0) on the sample's first two columns.
        let q = try sample.columnQuantiles([0, 0.25, 0.5, 0.9, 1])
        #expect(q.column(0) == [1, 2, 3, 7.6000000000000005, 10])
        #expect(q.column(1) == [10, 20, 30, 38, 40])
        #expect(q.column(2).allSatisfy { $0.isNaN })
        #expect(sample.columnMedians()[0 ... 1] == [3, 30])
        #expect(try Statistics.quantile(of: [4, .nan, 1, 3, 2], probability: 0.5) == 2.5)
        #expect(try Statistics.quantile(of: [], probability: 0.5).isNaN)
    }

    @Test("quantiles near either end, found without sorting, equal the sorted ones bit for bit",
          arguments: [0, 1e-4, 0.001, 0.01, 0.3, 0.5, 0.99, 0.999, 0.9999, 1])
    func extremeQuantiles(probability: Double) throws {
        // 20,000 values with heavy ties, −0.0 beside 0.0, a few NaN and values 1 ulp apart.
        var random = SeededRandom(seed: 3, stream: 0)
        var values: [Double] = (0 ..< 20_000).map { _ in Double(Int(random.nextUnitDouble() * 41) - 20) / 4 }
        for index in stride(from: 0, to: values.count, by: 7) where values[index] == 0 { values[index] = -0.0 }
        for index in stride(from: 3, to: values.count, by: 1_001) { values[index] = .nan }
        for index in stride(from: 5, to: values.count, by: 503) { values[index] = values[index].nextUp }
        // Magnitudes keep −0.0: their lowest ranks are all zeros of both signs, told apart only by index.
        let magnitudes = values.map { $0 == 0 || $0.isNaN ? $0 : abs($0) }
        for data in [values, magnitudes] {
            let fast = try Statistics.quantile(of: data, probability: probability)
            // Two probabilities always take the sorting path.
            let sorted = try Statistics.quantiles(of: data, probabilities: [probability, 0.5])[0]
            #expect(fast.bitPattern == sorted.bitPattern, "\(fast) vs \(sorted)")
        }
        let fewer = Array(values.prefix(100))
        #expect(try Statistics.quantile(of: fewer, probability: probability).bitPattern
            == (try Statistics.quantiles(of: fewer, probabilities: [probability, 0.5])[0]).bitPattern)
    }

    @Test("quantile probabilities outside [0, 1] are rejected")
    func quantileRange() {
        #expect(throws: NumericError.invalidArgument("Quantile probabilities must be in [0, 1]; got 1.5.")) {
            _ = try sample.columnQuantiles([0.5, 1.5])
        }
        #expect(throws: NumericError.invalidArgument("Quantile probabilities must be in [0, 1]; got -0.1.")) {
            _ = try Statistics.quantile(of: [1], probability: -0.1)
        }
    }

    @Test("robust scaler centres on the median and divides by the IQR")
    func robustScaler() throws {
        let scaler = try RobustScaler(fitting: sample)
        // Column 0: median 3, IQR 4 − 2 = 2; column 1: median 30, IQR 35 − 20 = 15; column 2: defaults.
        #expect(scaler.center == [3, 30, 0])
        #expect(scaler.scale == [2, 15, 1])
        let scaled = try scaler.transform(sample)
        #expect(scaled.column(0) == [-1, -0.5, 0, 0.5, 3.5])
        #expect(scaled[1, 1].isNaN && scaled[0, 1] == -4.0 / 3)
        let restored = try scaler.inverseTransform(scaled)
        #expect(relativeError(restored.column(0), sample.column(0)) < 1e-6)
        let constant = try RobustScaler(fitting: Matrix([[5], [5], [5]]))
        #expect(constant.scale == [1] && constant.center == [5])
    }

    @Test("robust scaler rejects bad ranges, parameters and widths")
    func robustScalerErrors() throws {
        #expect(throws: NumericError.invalidArgument(
            "RobustScaler quantileRange must satisfy 0 ≤ lower < upper ≤ 100; got 50.0...50.0.")) {
            _ = try RobustScaler(fitting: sample, quantileRange: 50 ... 50)
        }
        #expect(throws: NumericError.invalidArgument("RobustScaler scales must be finite and positive; scale 1 is 0.0.")) {
            _ = try RobustScaler(center: [0, 0], scale: [1, 0])
        }
        #expect(throws: NumericError.dimensionMismatch(
            "RobustScaler needs one scale per center; got 2 centers and 1 scales.")) {
            _ = try RobustScaler(center: [0, 0], scale: [1])
        }
        let scaler = try RobustScaler(fitting: sample)
        #expect(throws: NumericError.dimensionMismatch(
            "RobustScaler was fitted on 3 columns; cannot transform a matrix of 1×2.")) {
            _ = try scaler.transform(Matrix([[1, 2]]))
        }
    }
}
