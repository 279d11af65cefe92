package io.warden.adapter.driven.redis.witness;

import io.lettuce.core.StreamMessage;
import io.warden.adapter.driven.redis.RedisL2;
import io.warden.application.port.driven.CacheInvalidation;
import io.warden.application.port.driven.ChangeAnnouncer;
import io.warden.application.port.driven.InvalidationWitness;
import io.warden.domain.event.InvalidationScope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The second invalidation channel, in Redis, through the L2 connection and its circuit breaker.
 *
 * <ul>
 *   <li><b>Beacon</b> ({@code {<prefix>:witness}:beacon}): the highest data version any writer has
 *       begun to commit. A writer raises it inside its transaction, before the commit ({@link
 *       #intend}); every instance whose {@code LISTEN} feed is live also raises it to its own
 *       watermark, so that a change committed by a writer cut off from Redis still shows up in the
 *       beacon as soon as any instance that received it can reach Redis.
 *   <li><b>Stream</b> ({@code {<prefix>:witness}:changes}): each committed change, version and
 *       scope, appended after the commit ({@link #announce}), capped at about {@code streamLength}
 *       entries. An announcement Redis refused is retried from a bounded outbox.
 * </ul>
 *
 * A background thread polls every tenth of the staleness bound: it applies new stream entries, then
 * reads the beacon. The witness {@link #vouchesUpTo vouches} while the last beacon read was sent
 * within the staleness bound and showed no version above the caller's watermark. Both keys share a
 * hash tag, so the one script runs on Redis Cluster too; neither expires (Redis must run with
 * {@code noeviction}, as for L2).
 */
public final class RedisChangeChannel
    implements ChangeAnnouncer, InvalidationWitness, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(RedisChangeChannel.class.getName());
  private static final int OUTBOX = 10_000;
  private static final int BATCH = 1_000;

  private record Announcement(long version, InvalidationScope scope) {}

  private final ChangeStream stream;
  private final long boundNanos;
  private final Duration pollInterval;
  private final BlockingQueue<Announcement> outbox = new ArrayBlockingQueue<>(OUTBOX);
  private final AtomicLong intentsFailed = new AtomicLong();
  private final AtomicLong announcementsRetried = new AtomicLong();
  private final AtomicLong announcementsDropped = new AtomicLong();
  private final AtomicLong entriesApplied = new AtomicLong();

  private volatile long beaconSeen = Long.MAX_VALUE;
  private volatile long beaconReadAt = Long.MIN_VALUE;
  private volatile boolean running;
  private volatile @Nullable String lastId;
  // Only the poller touches these.
  private long raisedTo = -1;
  private boolean reachable = true;
  private boolean vouched;
  private @Nullable ScheduledExecutorService poller;

  /**
   * @param prefix the deployment's Redis key prefix
   * @param stalenessBound how old the last beacon read may be for the witness to vouch
   * @param streamLength about how many announcements the stream keeps
   */
  public RedisChangeChannel(
      RedisL2 redis, String prefix, Duration stalenessBound, long streamLength) {
    this.stream = new ChangeStream(redis, prefix, streamLength);
    this.boundNanos = stalenessBound.toNanos();
    this.pollInterval =
        Duration.ofNanos(Math.max(Duration.ofMillis(10).toNanos(), boundNanos / 10));
  }

  @Override
  public void intend(long version) {
    try {
      stream.raise(version);
    } catch (RuntimeException e) {
      // The change still commits: an instance cut off from PostgreSQL that can reach Redis would
      // not see it in the beacon until an instance that received it raises the beacon (see the
      // class comment), and then stops vouching. docs/invalidation-outages.md, window W3.
      intentsFailed.incrementAndGet();
      LOG.log(
          System.Logger.Level.DEBUG,
          "could not raise the invalidation beacon to {0}: {1}",
          version,
          e.getMessage());
    }
  }

  @Override
  public void announce(long version, InvalidationScope scope) {
    try {
      stream.append(version, scope);
    } catch (RuntimeException e) {
      if (!outbox.offer(new Announcement(version, scope))) {
        // Readers that needed it will miss this version and stop vouching: safe.
        announcementsDropped.incrementAndGet();
      }
    }
  }

  @Override
  public boolean vouchesUpTo(long appliedUpTo) {
    return System.nanoTime() - beaconReadAt <= boundNanos && beaconSeen <= appliedUpTo;
  }

  @Override
  public String describe() {
    long readAt = beaconReadAt;
    String age =
        readAt == Long.MIN_VALUE
            ? "never read"
            : "read " + Duration.ofNanos(System.nanoTime() - readAt).toMillis() + " ms ago";
    return "beacon " + (beaconSeen == Long.MAX_VALUE ? "unknown" : beaconSeen) + " (" + age + ")";
  }

  /** Raise attempts that Redis did not take (the change committed anyway). */
  public long intentsFailed() {
    return intentsFailed.get();
  }

  /** Stream entries applied here (including this instance's own). */
  public long entriesApplied() {
    return entriesApplied.get();
  }

  /** Announcements dropped because the outbox was full while Redis was away. */
  public long announcementsDropped() {
    return announcementsDropped.get();
  }

  /**
   * Starts polling. New stream entries go to {@code onChange}; while {@code primaryLive} the beacon
   * is raised to {@code watermark}, this instance's applied versions.
   */
  public synchronized void start(
      CacheInvalidation onChange, LongSupplier watermark, BooleanSupplier primaryLive) {
    if (poller != null) {
      throw new IllegalStateException("already started");
    }
    running = true;
    poller =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("warden-invalidation-witness").factory());
    poller.scheduleWithFixedDelay(
        () -> pollOnce(onChange, watermark, primaryLive),
        0,
        pollInterval.toNanos(),
        TimeUnit.NANOSECONDS);
  }

  private void pollOnce(CacheInvalidation onChange, LongSupplier watermark, BooleanSupplier live) {
    try {
      poll(onChange, watermark, live);
      if (!reachable) {
        LOG.log(System.Logger.Level.DEBUG, "invalidation witness reachable again: {0}", describe());
        reachable = true;
      }
      boolean vouches = beaconSeen <= watermark.getAsLong();
      if (vouches != vouched && !live.getAsBoolean()) {
        LOG.log(
            System.Logger.Level.INFO,
            "invalidation witness {0} (LISTEN down): {1}, applied up to {2}",
            vouches ? "vouches" : "no longer vouches",
            describe(),
            watermark.getAsLong());
      }
      vouched = vouches;
    } catch (RuntimeException e) {
      // Caught, never thrown: an exception would end the scheduled polling for good.
      if (reachable && running) {
        LOG.log(System.Logger.Level.DEBUG, "invalidation witness unreachable: {0}", e.getMessage());
      }
      reachable = false;
    }
  }

  private void poll(CacheInvalidation onChange, LongSupplier watermark, BooleanSupplier live) {
    if (lastId == null) {
      // Start at the end: what came before is covered by the primary feed's first connection.
      lastId = stream.lastId();
    }
    retryOutbox();
    while (true) {
      List<StreamMessage<String, String>> entries = stream.after(lastId, BATCH);
      for (StreamMessage<String, String> entry : entries) {
        apply(entry, onChange);
        lastId = entry.getId();
      }
      if (entries.size() < BATCH) {
        break;
      }
    }
    long sentAt = System.nanoTime();
    String beacon = stream.beacon();
    // No beacon at all (a Redis that restarted empty, or a new deployment) vouches for nothing: a
    // change may have committed while it was away, its raise lost with the old data.
    long seen = beacon == null ? Long.MAX_VALUE : Long.parseLong(beacon);
    beaconSeen = seen;
    beaconReadAt = sentAt;
    if (live.getAsBoolean()) {
      long applied = watermark.getAsLong();
      if (applied >= 0 && (beacon == null || (applied > raisedTo && applied > seen))) {
        stream.raise(applied);
        raisedTo = applied;
      }
    }
  }

  private void apply(StreamMessage<String, String> entry, CacheInvalidation onChange) {
    Map<String, String> body = entry.getBody();
    long version;
    InvalidationScope scope;
    try {
      version = Long.parseLong(body.get("v"));
      scope = ScopeCodec.decode(body.get("s"));
    } catch (RuntimeException e) {
      // Only Warden writes here: an unreadable entry is a bug or an intruder. It cannot count as
      // any version, so the watermark does not move past it and the witness stops vouching.
      LOG.log(
          System.Logger.Level.ERROR,
          "unreadable invalidation stream entry {0}: {1}",
          entry.getId(),
          e.getMessage());
      return;
    }
    onChange.invalidate(scope, version);
    entriesApplied.incrementAndGet();
  }

  private void retryOutbox() {
    Announcement next;
    while ((next = outbox.peek()) != null) {
      stream.append(next.version(), next.scope());
      outbox.poll();
      announcementsRetried.incrementAndGet();
    }
  }

  @Override
  public void close() {
    ScheduledExecutorService stopping;
    synchronized (this) {
      running = false;
      stopping = poller;
    }
    if (stopping != null) {
      stopping.shutdownNow();
      try {
        stopping.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
