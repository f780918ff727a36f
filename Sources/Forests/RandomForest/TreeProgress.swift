/// Called as a forest's trees finish: `finished` of `total` trees are built.
/// Runs on the worker thread that finished a tree, so it must be quick and
/// thread-safe; calls may arrive out of order across threads.
public typealias TreeProgress = @Sendable (_ finished: Int, _ total: Int) -> Void
