import NumericCore

/// Explains an empty or partial pull: unknown names (with the tenant's closest
/// names) or a window without samples.
enum PullDiagnosis {
    /// Throws `noData` when nothing came back or a requested collector or metric did not appear.
    static func check(_ request: ValidatedPullRequest, seen: [(collector: String, metric: String)],
                      on connection: PostgresConnection) throws(MetricsSourceError)
    {
        let seenCollectors = Set(seen.map(\.collector))
        let seenMetrics = Set(seen.map(\.metric))
        let missingCollectors = request.collectors.filter { !seenCollectors.contains($0) }
        let missingMetrics = request.metrics.filter { !seenMetrics.contains($0) }
        guard !seen.isEmpty, missingCollectors.isEmpty, missingMetrics.isEmpty else {
            throw try explain(request, missingCollectors: missingCollectors, missingMetrics: missingMetrics, on: connection)
        }
    }

    private static func explain(
        _ request: ValidatedPullRequest, missingCollectors: [String], missingMetrics: [String],
        on connection: PostgresConnection
    ) throws(MetricsSourceError) -> MetricsSourceError {
        let tenant = "'\(request.request.tenant.truncatedForMessage())'"
        let window = "between \(PullTime.iso8601(request.firstBucket)) and \(PullTime.iso8601(request.end))"
        // Names of this tenant only: suggestions must not reveal other tenants' metrics.
        let known = try connection.query("list tenant series", """
            SELECT DISTINCT collector_name, metric_name FROM \(request.schema.qualifiedMetricsTable) WHERE tenant_id = $1
            """, [request.request.tenant]).rows
        if known.isEmpty {
            return .noData("Tenant \(tenant) has no metrics in \(request.schema.qualifiedMetricsTable).")
        }
        let knownCollectors = Array(Set(known.compactMap { $0[0] })).sorted()
        let knownMetrics = Array(Set(known.compactMap { $0[1] })).sorted()
        var problems: [String] = []
        for name in missingCollectors {
            problems.append(describe("collector", name, known: knownCollectors, tenant: tenant, window: window))
        }
        for name in missingMetrics {
            problems.append(describe("metric", name, known: knownMetrics, tenant: tenant, window: window))
        }
        if problems.isEmpty {
            let filter = request.collectors.isEmpty && request.metrics.isEmpty ? "" : " for the requested collectors and metrics"
            problems.append("Tenant \(tenant) has no samples\(filter) \(window).")
        }
        return .noData(problems.joined(separator: " "))
    }

    private static func describe(_ role: String, _ name: String, known: [String], tenant: String, window: String) -> String {
        let quoted = "'\(name.truncatedForMessage())'"
        if known.contains(name) {
            return "The \(role) \(quoted) of tenant \(tenant) has no samples \(window) (with the other filters)."
        }
        let closest = NameSuggestions.closest(to: name, in: known).map { "'\($0.truncatedForMessage())'" }
        return "Unknown \(role) \(quoted) for tenant \(tenant); closest names: \(closest.joined(separator: ", "))."
    }
}
