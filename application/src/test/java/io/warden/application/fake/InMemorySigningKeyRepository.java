package io.warden.application.fake;

import io.warden.application.port.driven.SigningKeyRepository;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Signing keys in an {@link InMemoryStore}; every key stored is active. */
public final class InMemorySigningKeyRepository implements SigningKeyRepository {
  private final InMemoryStore store;
  private final FakeTransactions transactions;

  public InMemorySigningKeyRepository(InMemoryStore store, FakeTransactions transactions) {
    this.store = Objects.requireNonNull(store, "store");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  @Override
  public List<StoredSigningKey> activeKeys() {
    return transactions.acrossTenants(
        () ->
            store.read().signingKeys.stream()
                .sorted(Comparator.comparing(StoredSigningKey::createdAt).reversed())
                .toList());
  }

  @Override
  public List<StoredSigningKey> insertIfNoneActive(StoredSigningKey key) {
    transactions.acrossTenants(
        () -> {
          List<StoredSigningKey> keys = store.write().signingKeys;
          if (keys.isEmpty()) {
            keys.add(key);
          }
          return null;
        });
    return activeKeys();
  }

  @Override
  public List<StoredSigningKey> insertIfNewestIs(String newestKeyId, StoredSigningKey key) {
    transactions.acrossTenants(
        () -> {
          List<StoredSigningKey> keys = store.write().signingKeys;
          boolean stillNewest =
              keys.stream()
                  .max(Comparator.comparing(StoredSigningKey::createdAt))
                  .map(newest -> newest.keyId().equals(newestKeyId))
                  .orElse(false);
          if (stillNewest) {
            keys.add(key);
          }
          return null;
        });
    return activeKeys();
  }

  @Override
  public boolean replacePrivateKey(String keyId, String expected, String replacement) {
    return transactions.acrossTenants(
        () -> {
          List<StoredSigningKey> keys = store.write().signingKeys;
          for (int i = 0; i < keys.size(); i++) {
            StoredSigningKey key = keys.get(i);
            if (key.keyId().equals(keyId) && key.privateKey().equals(expected)) {
              keys.set(i, key.withPrivateKey(replacement));
              return true;
            }
          }
          return false;
        });
  }

  @Override
  public boolean retire(String keyId) {
    return transactions.acrossTenants(
        () -> store.write().signingKeys.removeIf(key -> key.keyId().equals(keyId)));
  }
}
