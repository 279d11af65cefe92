package io.warden.application.port.driven;

import io.warden.application.port.driving.ObservabilityUseCase.Busiest;
import io.warden.application.port.driving.ObservabilityUseCase.Latency;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where Warden reports what it does — operations with their latency, which cache tier answered,
 * revocation latency, rate-limit refusals — and where {@code /api/performance/stats} and {@code
 * /metrics} read it back. Recording is on the hot path of every check: an implementation must not
 * block, allocate per call or wait for a lock; callers read the clock as rarely as they can (see
 * {@link #SAMPLE_ONE_IN}).
 */
public interface Metrics {

  /** What Warden measures, one latency histogram each. */
  enum Operation {
    CHECK("check"),
    BATCH_CHECK("batch check"),
    PERMISSION_LOAD("permission load"),
    BATCH_PERMISSION_LOAD("batch permission load"),
    USER_CONTEXT("user context"),
    TOKEN_VERIFY("token verify"),
    SESSION_STATE("session state"),
    RATE_LIMIT("rate limit"),
    INVALIDATION("invalidation");

    private final String label;

    Operation(String label) {
      this.label = label;
    }

    /** The name in {@code /api/performance/stats} and the {@code operation} label of metrics. */
    public String label() {
      return label;
    }
  }

  /** A source of answers, innermost last. */
  enum Tier {
    L1("l1"),
    L2("l2"),
    DATABASE("database"),
    /** The signature check of a token not in L1: its source of truth is the token itself. */
    SIGNATURE("signature");

    private final String label;

    Tier(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    /**
     * Whether this tier answers in-process (L1), in about the time two clock readings take: its
     * calls are then timed one in {@link #SAMPLE_ONE_IN}, the others counted. The tiers below it
     * leave the process (or check a signature) and are timed every call.
     */
    public boolean sampled() {
      return this == L1;
    }
  }

  /** One {@code operation} took {@code nanos}. */
  void operation(Operation operation, long nanos);

  /**
   * One {@code operation} ran and was not timed: a call so fast that reading the clock around it
   * would cost more than it does is timed only now and then ({@link #sampled}), and the timed calls
   * stand for the others in its latency distribution. Counted all the same.
   */
  void operation(Operation operation);

  /**
   * {@code tier} was asked {@code keys} keys at once (1, or the users of a batch) on behalf of
   * {@code operation} and answered in {@code nanos}, including the tiers below it when it missed.
   * The keys a tier answers itself are those that reach it less those that reach the next one.
   */
  void tier(Tier tier, Operation operation, int keys, long nanos);

  /**
   * {@code tier} was asked {@code keys} keys at once on behalf of {@code operation}, not timed (see
   * {@link #operation(Operation)}): its keys count as those of a timed call do.
   */
  void tier(Tier tier, Operation operation, int keys);

  /**
   * One in how many calls of an in-process step (an L1 tier, the rate limiter's decision) is timed:
   * such a step costs about as much as the two clock readings that would time it, and it runs
   * several times per check. Every call is counted; the timed ones are a uniform random sample.
   */
  int SAMPLE_ONE_IN = 16;

  /** Whether to time this call of a step timed one in {@link #SAMPLE_ONE_IN}. */
  static boolean sampled() {
    return java.util.concurrent.ThreadLocalRandom.current().nextInt(SAMPLE_ONE_IN) == 0;
  }

  /**
   * A change of type {@code changeType} (an RBAC event type) was evicted from this instance's
   * caches {@code millis} after its notification was sent (the last statement of the writer's
   * transaction, right before its commit).
   */
  void revoked(String changeType, long millis);

  /**
   * {@code userId} was checked in {@code tenantId} (by a check or a batch item): feeds the busiest
   * tenants and users. Bounded: keys beyond what an implementation tracks are not counted.
   */
  void checked(TenantId tenantId, UserId userId);

  /** A request was refused by the rate limit of {@code limitClass} ({@code api}, {@code auth}…). */
  void rateLimitRefused(String limitClass);

  /** What was recorded since {@link Snapshot#since()}. */
  Snapshot snapshot();

  /**
   * One operation: how often, how fast (since start, and over the last minute), and for the cached
   * ones how many keys reached each of its tiers, outermost first, the source of truth last. {@code
   * tiers} is empty for an operation that no cache tier serves. Counts are of keys: one per single
   * load, one per user of a batch.
   */
  record OperationStats(
      Operation operation, Latency latency, Latency recent, List<TierCount> tiers) {
    public OperationStats {
      tiers = List.copyOf(tiers);
    }

    /**
     * The keys {@code tier} answered itself: those that reached it less those that reached the next
     * one; 0 for the source of truth (it answers every key it gets, as a miss of the caches) and
     * for a tier the operation does not go through.
     */
    public long hits(Tier tier) {
      for (int i = 0; i < tiers.size() - 1; i++) {
        if (tiers.get(i).tier() == tier) {
          return Math.max(0, tiers.get(i).keys() - tiers.get(i + 1).keys());
        }
      }
      return 0;
    }

    /** The keys no cache tier answered: those that reached the source of truth. */
    public long misses() {
      return tiers.isEmpty() ? 0 : tiers.get(tiers.size() - 1).keys();
    }

    /** Hits over all keys, empty for an uncached operation or before the first key. */
    public Optional<Double> hitRatio() {
      if (tiers.isEmpty() || tiers.get(0).keys() == 0) {
        return Optional.empty();
      }
      long all = tiers.get(0).keys();
      return Optional.of((double) Math.max(0, all - misses()) / all);
    }
  }

  /** The keys of one operation that reached {@code tier}, and how long the tier took. */
  record TierCount(Tier tier, long keys, Latency latency) {}

  /** Revocation latency of one change type. */
  record Revocations(String changeType, Latency latency) {}

  /** Everything recorded, read at once. */
  record Snapshot(
      Instant since,
      List<OperationStats> operations,
      List<Revocations> revocations,
      List<Refusals> refusals,
      List<Busiest> busiestTenants,
      List<Busiest> busiestUsers) {
    public Snapshot {
      operations = List.copyOf(operations);
      revocations = List.copyOf(revocations);
      refusals = List.copyOf(refusals);
      busiestTenants = List.copyOf(busiestTenants);
      busiestUsers = List.copyOf(busiestUsers);
    }
  }

  /** Requests refused by one rate-limit class. */
  record Refusals(String limitClass, long count) {}

  /** Records nothing: the baseline of the benchmarks and of tests that do not look. */
  Metrics NONE =
      new Metrics() {
        @Override
        public void operation(Operation operation, long nanos) {}

        @Override
        public void operation(Operation operation) {}

        @Override
        public void tier(Tier tier, Operation operation, int keys, long nanos) {}

        @Override
        public void tier(Tier tier, Operation operation, int keys) {}

        @Override
        public void revoked(String changeType, long millis) {}

        @Override
        public void rateLimitRefused(String limitClass) {}

        @Override
        public void checked(TenantId tenantId, UserId userId) {}

        @Override
        public Snapshot snapshot() {
          return new Snapshot(Instant.EPOCH, List.of(), List.of(), List.of(), List.of(), List.of());
        }
      };
}
