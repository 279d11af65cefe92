package io.warden.adapter.driven.redis;

/**
 * How a Redis client that retries its connect says that Redis is away: the first failure since it
 * last connected at WARNING, every further one at DEBUG. A Redis away for hours then leaves one
 * warning in the log, not one per retry, and each retry still leaves a trace at DEBUG.
 */
public final class UnreachableLog {
  private final System.Logger log;
  private final String client;
  private final String meanwhile;
  private final RedisL2Settings settings;
  private volatile boolean warned;

  /**
   * @param client what is connecting, as the log line names it ({@code "Redis L2"})
   * @param meanwhile what the warning adds about the time without Redis ({@code "; serving without
   *     it"}), or nothing
   */
  public UnreachableLog(
      System.Logger log, String client, String meanwhile, RedisL2Settings settings) {
    this.log = log;
    this.client = client;
    this.meanwhile = meanwhile;
    this.settings = settings;
  }

  /** A connect failed with {@code failure}. */
  public void failed(Throwable failure) {
    if (!warned) {
      warned = true;
      log.log(
          System.Logger.Level.WARNING,
          "{0} {1} not reachable (yet): {2}{3}",
          client,
          settings.redactedUri(),
          RedisClients.rootMessage(failure),
          meanwhile);
    } else {
      log.log(
          System.Logger.Level.DEBUG,
          "{0} {1} still not reachable: {2}",
          client,
          settings.redactedUri(),
          RedisClients.rootMessage(failure));
    }
  }

  /** A connect succeeded: the next failure warns again. */
  public void connected() {
    warned = false;
  }
}
