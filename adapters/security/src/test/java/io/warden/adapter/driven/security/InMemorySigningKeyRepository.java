package io.warden.adapter.driven.security;

import io.warden.application.port.driven.SigningKeyRepository;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A thread-safe in-memory {@link SigningKeyRepository} that also counts how often it is read. */
final class InMemorySigningKeyRepository implements SigningKeyRepository {
  private final List<StoredSigningKey> active = new ArrayList<>();
  final AtomicInteger reads = new AtomicInteger();
  final AtomicInteger inserts = new AtomicInteger();

  @Override
  public synchronized List<StoredSigningKey> activeKeys() {
    reads.incrementAndGet();
    return newestFirst();
  }

  @Override
  public synchronized List<StoredSigningKey> insertIfNoneActive(StoredSigningKey key) {
    if (active.isEmpty()) {
      inserts.incrementAndGet();
      active.add(key);
    }
    return newestFirst();
  }

  @Override
  public synchronized List<StoredSigningKey> insertIfNewestIs(
      String newestKeyId, StoredSigningKey key) {
    List<StoredSigningKey> keys = newestFirst();
    if (!keys.isEmpty() && keys.get(0).keyId().equals(newestKeyId)) {
      inserts.incrementAndGet();
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

  /** What a rotation elsewhere would do: add one more active key. */
  synchronized void add(StoredSigningKey key) {
    active.add(key);
  }

  synchronized void deactivate(String keyId) {
    active.removeIf(key -> key.keyId().equals(keyId));
  }

  /** What an attacker with write access to the table would do. */
  synchronized void replace(StoredSigningKey key) {
    active.replaceAll(old -> old.keyId().equals(key.keyId()) ? key : old);
  }

  synchronized StoredSigningKey key(String keyId) {
    return active.stream().filter(key -> key.keyId().equals(keyId)).findFirst().orElseThrow();
  }

  private List<StoredSigningKey> newestFirst() {
    return active.stream()
        .sorted(Comparator.comparing(StoredSigningKey::createdAt).reversed())
        .toList();
  }
}
