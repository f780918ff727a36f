import ArgumentParser

/// `workbench publish …`: hands registered models to live collectors.
struct PublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Publish a registered model and its thresholds to collectors; roll back; check what is live.",
        discussion: """
            A bundle DIR/NAME/vN/ holds model.h5, thresholds.json, selftest.csv and manifest.json (every \
            file's SHA-256); DIR/NAME/current.json pins the live bundle's manifest hash. See docs/publishing.md.
            Examples:
              workbench publish cpu@production --to /srv/models --threshold critical
              workbench publish rollback cpu --to /srv/models
              workbench publish status --to /srv/models
              workbench publish cpu@v3 --to-dsn-env WORKBENCH_PUBLISH_DSN
            """,
        subcommands: [PublishModelCommand.self, PublishRollbackCommand.self, PublishStatusCommand.self],
        defaultSubcommand: PublishModelCommand.self
    )
}
