package io.warden.benchmarks.memory;

import io.warden.adapter.driven.infinispan.CachedTokenCodec;
import io.warden.adapter.driven.infinispan.InfinispanPermissionCache;
import io.warden.adapter.driven.infinispan.L1Limits;
import io.warden.adapter.driven.security.JwtTokenCodec;
import io.warden.adapter.driven.security.SigningKeys;
import io.warden.application.port.driven.EffectivePermissions;
import io.warden.application.port.driven.InvalidationFeed;
import io.warden.application.port.driven.PermissionSnapshot;
import io.warden.application.port.driven.TokenCodec.AccessClaims;
import io.warden.benchmarks.InMemorySigningKeyRepository;
import io.warden.domain.model.permission.PermissionSet;
import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.UserId;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.openjdk.jol.info.GraphLayout;

/**
 * Retained heap of Warden's L1 caches, each against a naive cache of the same data measured in the
 * same process: {@code java -XX:+UseSerialGC -cp benchmarks.jar
 * io.warden.benchmarks.memory.MemoryFootprint sets|jol|tokens SIZE [COUNT]} (one measurement per
 * JVM; COUNT defaults to 10,000).
 *
 * <ul>
 *   <li>Permission sets of 20 and of 200 permissions: the used heap after a full GC, before and
 *       after {@code USERS} users' sets were loaded into the real L1 adapter ({@link
 *       InfinispanPermissionCache}) from a tier that builds a fresh set per load, as the database
 *       does. Baseline: the same names as a {@code HashMap<(tenant, user), HashSet<String>>}.
 *   <li>JOL's retained size of one {@link PermissionSet} of each size (the set alone, its interned
 *       ids; the name registry they share is not counted).
 *   <li>The token cache ({@link CachedTokenCodec}) after verifying {@code TOKENS} distinct tokens.
 *       Baseline: a {@code HashMap} from each whole token string to its verified claims.
 * </ul>
 *
 * <p>Prints {@code name warden_bytes baseline_bytes} lines. Heap deltas after {@code System.gc()}
 * are approximate (a few KB); run it with the serial collector so a full GC is a full GC.
 */
public final class MemoryFootprint {
  private static final int NAME_POOL = 400;

  private MemoryFootprint() {}

  public static void main(String[] args) throws Exception {
    // One measurement per JVM: what an earlier one leaves behind (a closed cache still reachable
    // from a registry until some later point) would otherwise be freed during the next fill.
    String what = args.length > 0 ? args[0] : "sets";
    int size = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int count = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
    switch (what) {
      case "sets" -> {
        // The naive map first: it is unreachable (and collected) before the L1's baseline is read.
        long naive = naiveCache(count, size);
        long warden = permissionCache(count, size);
        System.out.println("permission-sets-" + size + " " + warden + " " + naive);
      }
      case "jol" -> {
        PermissionSet set = PermissionSet.of(names(1, size));
        List<String> strings = new ArrayList<>();
        for (String name : names(1, size)) {
          strings.add(new String(name.toCharArray()));
        }
        System.out.println(
            "one-set-jol-"
                + size
                + " "
                + GraphLayout.parseInstance(set).totalSize()
                + " "
                + GraphLayout.parseInstance(new HashSet<>(strings)).totalSize());
      }
      case "tokens" -> {
        long[] tokenBytes = tokenCache(count);
        System.out.println("token-cache " + tokenBytes[0] + " " + tokenBytes[1]);
      }
      default ->
          throw new IllegalArgumentException("sets SIZE [USERS] | jol SIZE | tokens 0 [TOKENS]");
    }
  }

  static List<String> names(int user, int size) {
    List<String> names = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      names.add("bench.feature_" + ((user * 7 + i) % NAME_POOL) + ":read");
    }
    return names;
  }

  /** A tier that builds a new set on every load, as a database read does. */
  private static final class FreshSets implements EffectivePermissions {
    private final int size;
    private long loads;

    FreshSets(int size) {
      this.size = size;
    }

    @Override
    public synchronized PermissionSnapshot of(TenantId tenantId, UserId userId) {
      loads++;
      return new PermissionSnapshot(
          PermissionSet.of(names(Math.floorMod(userId.hashCode(), 100_000), size)),
          1,
          Optional.empty());
    }

    @Override
    public Map<UserId, PermissionSnapshot> ofAll(TenantId tenantId, Collection<UserId> userIds) {
      Map<UserId, PermissionSnapshot> answers = new HashMap<>();
      for (UserId userId : userIds) {
        answers.put(userId, of(tenantId, userId));
      }
      return answers;
    }
  }

  private static long permissionCache(int users, int size) throws InterruptedException {
    TenantId[] tenants = new TenantId[10];
    for (int t = 0; t < tenants.length; t++) {
      tenants[t] = TenantId.random();
    }
    UserId[] ids = new UserId[users];
    for (int u = 0; u < users; u++) {
      ids[u] = UserId.random();
    }
    // The names' ids are interned once per process: intern them before the baseline is read.
    PermissionSet.of(names(0, NAME_POOL));
    FreshSets tier = new FreshSets(size);
    InfinispanPermissionCache l1 =
        new InfinispanPermissionCache(
            tier, InvalidationFeed.ALWAYS_LIVE, Clock.systemUTC(), L1Limits.defaults());
    l1.of(tenants[0], UserId.random());
    long before = usedHeap();
    for (int u = 0; u < users; u++) {
      l1.of(tenants[u % tenants.length], ids[u]);
    }
    long after = usedHeap();
    // Still cached: every set is read back without reaching the tier.
    long loads = tier.loads;
    for (int u = 0; u < users; u++) {
      l1.of(tenants[u % tenants.length], ids[u]);
    }
    if (tier.loads != loads) {
      throw new IllegalStateException((tier.loads - loads) + " sets were no longer cached");
    }
    l1.close();
    return after - before;
  }

  private record Key(TenantId tenantId, UserId userId) {}

  private static long naiveCache(int users, int size) throws InterruptedException {
    long before = usedHeap();
    Map<Key, Set<String>> cache = new HashMap<>();
    for (int u = 0; u < users; u++) {
      Set<String> set = new HashSet<>();
      for (String name : names(u, size)) {
        set.add(new String(name.toCharArray()));
      }
      cache.put(new Key(TenantId.random(), UserId.random()), set);
    }
    long after = usedHeap();
    if (cache.size() != users) {
      throw new IllegalStateException("lost entries");
    }
    return after - before;
  }

  private static long[] tokenCache(int count) throws InterruptedException {
    Clock clock = Clock.systemUTC();
    JwtTokenCodec jwt =
        new JwtTokenCodec(
            SigningKeys.loadOrCreate(new InMemorySigningKeyRepository(), clock), "warden-bench");
    Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant now = issuedAt.plusSeconds(1);
    TenantId tenant = TenantId.random();
    String[] tokens = new String[count];
    for (int i = 0; i < count; i++) {
      tokens[i] =
          jwt.issue(
              new AccessClaims(
                  UserId.random(),
                  UUID.randomUUID().toString(),
                  UUID.randomUUID().toString(),
                  issuedAt,
                  issuedAt.plus(Duration.ofHours(1)),
                  Optional.of(tenant)));
    }
    CachedTokenCodec cache = new CachedTokenCodec(jwt, CachedTokenCodec.Config.defaults());
    cache.verify(tokens[0], now);
    long before = usedHeap();
    for (String token : tokens) {
      if (cache.verify(token, now).isEmpty()) {
        throw new IllegalStateException("a token of the run did not verify");
      }
    }
    long cached = usedHeap() - before;
    cache.close();

    before = usedHeap();
    Map<String, AccessClaims> naive = new HashMap<>();
    for (String token : tokens) {
      naive.put(new String(token.toCharArray()), jwt.verify(token, now).orElseThrow());
    }
    long baseline = usedHeap() - before;
    if (naive.size() != count) {
      throw new IllegalStateException("lost entries");
    }
    return new long[] {cached, baseline};
  }

  private static long usedHeap() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(50);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
