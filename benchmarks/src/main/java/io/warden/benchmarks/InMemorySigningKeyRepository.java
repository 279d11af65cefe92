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

  @Override
  public synchronized List<StoredSigningKey> insertIfNewestIs(
      String newestKeyId, StoredSigningKey key) {
    List<StoredSigningKey> keys = newestFirst();
    if (!keys.isEmpty() && keys.get(0).keyId().equals(newestKeyId)) {
      active.add(key);
    }
    return newestFirst();
  }

  @Override
  public synchronized boolean replacePrivateKey(String keyId, String expected, String replacement) {
    for (int i = 0; i < active.size(); i++) {
      StoredSigningKey key = active.get(i);
      if (key.keyId().equals(keyId) && key.privateKey().equals(expected)) {
        active.set(i, key.withPrivateKey(replacement));
        return true;
      }
    }
    return false;
  }

  @Override
  public synchronized boolean retire(String keyId) {
    return active.removeIf(key -> key.keyId().equals(keyId));
  }

  private List<StoredSigningKey> newestFirst() {
    return active.stream()
        .sorted(Comparator.comparing(StoredSigningKey::createdAt).reversed())
        .toList();
  }
}
