package io.warden.benchmarks;

import io.warden.domain.model.permission.PermissionSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link PermissionSet#allows} against a {@code HashSet<String>} holding the same names, for a name
 * in the set (hit), a name other sets hold but this one does not (miss) and a name no set has ever
 * held (unknown, which never reaches the binary search).
 *
 * <p>Each benchmark cycles through {@value #PROBES} different names so that neither the branch
 * predictor nor the JIT can learn one answer. The probe strings are copies, not the instances
 * stored in the sets, so equality compares characters as it does for a name parsed from a request;
 * their hash codes are cached after the first call, as Java caches any string's.
 *
 * <p>The {@code wildcard*} benchmarks ask a set of the same names plus {@value #WILDCARDS}
 * wildcards ({@code bench.family_k.*}): a held name (the exact path, unchanged by the wildcards), a
 * name only a wildcard grants (never interned: the hash look-up misses, then one binary search over
 * the prefixes) and a name neither grants (both searches miss).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PermissionSetBenchmark {
  private static final int PROBES = 8;
  private static final int WILDCARDS = 5;

  @Param({"10", "200"})
  int size;

  private PermissionSet permissionSet;
  private Set<String> hashSet;
  private String[] hits;
  private String[] misses;
  private String[] unknown;
  private PermissionSet wildcardSet;
  private String[] wildcardOnly;
  private int next;

  /** Builds both sets from the same names and the three kinds of probes. */
  @Setup
  public void setUp() {
    List<String> names = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      names.add("bench.resource_" + i + ":action_" + (i % 7));
    }
    permissionSet = PermissionSet.of(names);
    hashSet = new HashSet<>(names);

    List<String> notHeld = new ArrayList<>(PROBES);
    for (int i = 0; i < PROBES; i++) {
      notHeld.add("bench.elsewhere_" + i + ":action_" + i);
    }
    // Interned by another set: the miss then pays the binary search, as a real miss does.
    PermissionSet elsewhere = PermissionSet.of(notHeld);
    if (elsewhere.size() != PROBES) {
      throw new IllegalStateException("probe names must be distinct");
    }

    hits = new String[PROBES];
    misses = new String[PROBES];
    unknown = new String[PROBES];
    for (int i = 0; i < PROBES; i++) {
      // Spread over the whole set, so the binary search takes different paths.
      hits[i] = copyOf(names.get((int) ((long) i * (size - 1) / (PROBES - 1))));
      misses[i] = copyOf(notHeld.get(i));
      unknown[i] = "bench.never_interned_" + i + ":action_" + i;
    }
    List<String> withWildcards = new ArrayList<>(names);
    for (int k = 0; k < WILDCARDS; k++) {
      withWildcards.add("bench.family_" + k + ".*");
    }
    wildcardSet = PermissionSet.of(withWildcards);
    wildcardOnly = new String[PROBES];
    for (int i = 0; i < PROBES; i++) {
      wildcardOnly[i] = "bench.family_" + (i % WILDCARDS) + ".member_" + i + ":read";
      if (!wildcardSet.allows(wildcardOnly[i])
          || !wildcardSet.allows(hits[i])
          || wildcardSet.allows(misses[i])
          || permissionSet.allows(wildcardOnly[i])) {
        throw new IllegalStateException("a wildcard probe is answered wrongly: " + wildcardOnly[i]);
      }
    }
    for (int i = 0; i < PROBES; i++) {
      if (!permissionSet.allows(hits[i]) || !hashSet.contains(hits[i])) {
        throw new IllegalStateException("a hit probe is not held: " + hits[i]);
      }
      if (permissionSet.allows(misses[i]) || permissionSet.allows(unknown[i])) {
        throw new IllegalStateException("a miss probe is held");
      }
    }
  }

  private static String copyOf(String name) {
    return new String(name.toCharArray());
  }

  private String probe(String[] probes) {
    int i = next;
    next = (i + 1) & (PROBES - 1);
    return probes[i];
  }

  @Benchmark
  public boolean permissionSetHit() {
    return permissionSet.allows(probe(hits));
  }

  @Benchmark
  public boolean permissionSetMiss() {
    return permissionSet.allows(probe(misses));
  }

  @Benchmark
  public boolean permissionSetUnknown() {
    return permissionSet.allows(probe(unknown));
  }

  @Benchmark
  public boolean hashSetHit() {
    return hashSet.contains(probe(hits));
  }

  @Benchmark
  public boolean hashSetMiss() {
    return hashSet.contains(probe(misses));
  }

  @Benchmark
  public boolean hashSetUnknown() {
    return hashSet.contains(probe(unknown));
  }

  @Benchmark
  public boolean wildcardSetHeldName() {
    return wildcardSet.allows(probe(hits));
  }

  @Benchmark
  public boolean wildcardSetGrantedByWildcard() {
    return wildcardSet.allows(probe(wildcardOnly));
  }

  @Benchmark
  public boolean wildcardSetMiss() {
    return wildcardSet.allows(probe(misses));
  }
}
