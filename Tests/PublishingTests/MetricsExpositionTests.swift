import Foundation
import Testing
@testable import Publishing

/// The Prometheus text format and the job metrics built on it.
@Suite("Metrics exposition")
struct MetricsExpositionTests {
    @Test("families sorted by name with HELP and TYPE, samples sorted by labels, values and labels escaped")
    func rendering() {
        var metrics = MetricsExposition()
        metrics.set("b_total", help: "B\\ help\nsecond line", kind: .counter, labels: ["model": "x\"y\\z\nw"], value: 3)
        metrics.set("a", help: "A", labels: ["model": "m2", "tenant": nil], value: 0.25)
        metrics.set("a", help: "ignored", labels: ["model": "m1", "tenant": "t"], value: .infinity)
        metrics.set("c", help: "C", value: .nan)
        #expect(metrics.text == """
            # HELP a A
            # TYPE a gauge
            a{model="m1",tenant="t"} +Inf
            a{model="m2"} 0.25
            # HELP b_total B\\\\ help\\nsecond line
            # TYPE b_total counter
            b_total{model="x\\"y\\\\z\\nw"} 3
            # HELP c C
            # TYPE c gauge
            c NaN

            """)
    }

    @Test("a failed run adds one failure to the previous textfile and keeps its last success")
    func failureKeepsLastSuccess() {
        var run = JobRun(job: "publish")
        run.model = "cpu"
        run.succeeded = true
        run.finished = Date(timeIntervalSince1970: 1_800_000_000)
        run.publishedVersion = 4
        let first = JobMetrics.exposition(for: run).text
        #expect(first.contains("workbench_last_success_timestamp_seconds{model=\"cpu\",workbench_job=\"publish\"} 1800000000"))
        #expect(first.contains("workbench_job_failures_total{model=\"cpu\",workbench_job=\"publish\"} 0"))
        #expect(first.contains("workbench_published_model_version{model=\"cpu\"} 4"))
        var failed = JobRun(job: "publish")
        failed.model = "cpu"
        let second = JobMetrics.exposition(for: failed, previous: first)
        let third = JobMetrics.exposition(for: failed, previous: second.text)
        #expect(third.value("workbench_job_failures_total", labels: ["model": "cpu", "workbench_job": "publish"]) == 2)
        #expect(third.value("workbench_last_success_timestamp_seconds",
                            labels: ["model": "cpu", "workbench_job": "publish"]) == 1_800_000_000)
        #expect(third.value("workbench_published_model_version", labels: ["model": "cpu"]) == nil)
    }
}
