/// Maps a data interval onto a pixel interval (either may be reversed, as y is in SVG).
struct LinearScale {
    let domain: (lower: Double, upper: Double)
    let range: (lower: Double, upper: Double)

    func callAsFunction(_ value: Double) -> Double {
        let span = domain.upper - domain.lower
        guard span != 0 else { return (range.lower + range.upper) / 2 }
        return range.lower + (value - domain.lower) / span * (range.upper - range.lower)
    }
}
