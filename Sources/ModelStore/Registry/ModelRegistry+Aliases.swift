extension ModelRegistry {
    /// Points `alias` of the referenced model at the referenced version and records the move.
    ///
    /// The audit line is appended before the index changes (intent first), so
    /// no alias ever moves without a record; `verify` reports the rare line
    /// whose move a crash kept from taking effect.
    /// - Returns: the recorded move, or nil when the alias already pointed there (nothing recorded).
    /// - Throws: `ModelStoreError.notFound` for an unknown version, `.invalidReference` for a bad alias,
    ///   `.busy`, `.cannotWrite`.
    @discardableResult
    public func promote(_ reference: ModelReference, alias: String, reason: String = "") throws(ModelStoreError)
        -> AliasMove? {
        try ModelReference.validateAlias(alias)
        return try withLock(reference.name) { () throws(ModelStoreError) -> AliasMove? in
            var index = try index(of: reference.name)
            let target = try version(reference).version
            let current = index.aliases[alias]
            guard current != target else { return nil }
            let move = AliasMove(
                timeUTC: TrainingEnvironment.nowUTC(), user: TrainingEnvironment.user(),
                host: TrainingEnvironment.host(), alias: alias, from: current, to: target,
                action: .promote, reason: reason)
            try AuditLog.append(move, to: try containedPath(reference.name, AuditLog.fileName))
            index.aliases[alias] = target
            try store(index)
            return move
        }
    }

    /// Moves `alias` of model `name` back to the version it pointed at before its latest promotion.
    ///
    /// Rollbacks stack: after promoting v1, v2, v3, two rollbacks lead to v1.
    /// - Throws: `ModelStoreError.notFound` when the alias has no earlier holder or that
    ///   version was removed, `.corrupted` when the audit log disagrees with the index.
    @discardableResult
    public func rollback(name: String, alias: String, reason: String = "") throws(ModelStoreError) -> AliasMove {
        try ModelReference.validateAlias(alias)
        return try withLock(name) { () throws(ModelStoreError) -> AliasMove in
            var index = try index(of: name)
            guard let current = index.aliases[alias] else {
                throw .notFound("Model '\(name)' has no alias '\(alias)' to roll back.")
            }
            let auditPath = try containedPath(name, AuditLog.fileName)
            let path = AuditLog.rollbackPath(of: alias, in: try AuditLog.read(auditPath))
            guard path.last == current else {
                throw .corrupted("The audit log of '\(name)' says '\(alias)' points at "
                    + "\(path.last.map { "v\($0)" } ?? "nothing") but the index says v\(current); "
                    + "run 'workbench models verify \(name)' and promote explicitly.")
            }
            guard path.count >= 2 else {
                throw .notFound("'\(name)@\(alias)' has no earlier holder to roll back to; it has only held v\(current).")
            }
            let target = path[path.count - 2]
            guard index.entry(target) != nil else {
                throw .notFound("'\(name)@\(alias)' would roll back to v\(target), which was removed; "
                    + "promote a version explicitly.")
            }
            let move = AliasMove(
                timeUTC: TrainingEnvironment.nowUTC(), user: TrainingEnvironment.user(),
                host: TrainingEnvironment.host(), alias: alias, from: current, to: target,
                action: .rollback, reason: reason)
            try AuditLog.append(move, to: auditPath)
            index.aliases[alias] = target
            try store(index)
            return move
        }
    }
}
