package io.warden.benchmarks;

import io.warden.application.port.driven.SigningKeyRepository;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Signing keys kept in memory, so {@link HotPathBenchmark} can build the real {@code JwtTokenCodec}
 * without a database; the first {@code SigningKeys} load creates the key.
 */
public final class InMemorySigningKeyRepository implements SigningKeyRepository {
  private final List<StoredSigningKey> active = new ArrayList<>();

  @Override
  public synchronized List<StoredSigningKey> activeKeys() {
    return newestFirst();
  }

  @Override
  public synchronized List<StoredSigningKey> insertIfNoneActive(StoredSigningKey key) {
    if (active.isEmpty()) {
      active.add(key);
    }
    return newestFirst();
  }

  private List<StoredSigningKey> newestFirst() {
    return active.stream()
        .sorted(Comparator.comparing(StoredSigningKey::createdAt).reversed())
        .toList();
  }
}
