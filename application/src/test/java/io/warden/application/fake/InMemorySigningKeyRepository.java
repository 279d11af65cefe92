package io.warden.application.fake;

import io.warden.application.port.driven.SigningKeyRepository;
import io.warden.domain.event.InvalidationScope;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Signing keys in an {@link InMemoryStore}; every key stored is active. Like the database adapter's
 * callers, each call stands alone in a transaction of its own. It counts reads and inserts, and
 * lets a test change the keys behind the caller's back ({@link #add}, {@link #replace}).
 */
public final class InMemorySigningKeyRepository implements SigningKeyRepository {
  private static final Comparator<StoredSigningKey> NEWEST_FIRST =
      Comparator.comparing(StoredSigningKey::createdAt).reversed();

  private final InMemoryStore store;
  private final FakeTransactions transactions;
  private final AtomicInteger reads = new AtomicInteger();
  private final AtomicInteger inserts = new AtomicInteger();
  private volatile UnaryOperator<List<StoredSigningKey>> activeKeysAnswer =
      UnaryOperator.identity();

  public InMemorySigningKeyRepository(InMemoryStore store, FakeTransactions transactions) {
    this.store = Objects.requireNonNull(store, "store");
    this.transactions = Objects.requireNonNull(transactions, "transactions");
  }

  /** Keys in a store of their own (a token codec's tests need nothing else). */
  public InMemorySigningKeyRepository() {
    this(new InMemoryStore());
  }

  private InMemorySigningKeyRepository(InMemoryStore store) {
    this(store, new FakeTransactions(store));
  }

  @Override
  public List<StoredSigningKey> activeKeys() {
    reads.incrementAndGet();
    return activeKeysAnswer.apply(newestFirst());
  }

  @Override
  public List<StoredSigningKey> insertIfNoneActive(StoredSigningKey key) {
    transactions.acrossTenants(
        () -> {
          List<StoredSigningKey> keys = store.write().signingKeys;
          if (keys.isEmpty()) {
            keys.add(key);
            inserts.incrementAndGet();
          }
          return null;
        });
    return newestFirst();
  }

  @Override
  public List<StoredSigningKey> insertIfNewestIs(String newestKeyId, StoredSigningKey key) {
    transactions.acrossTenants(
        () -> {
          List<StoredSigningKey> keys = store.write().signingKeys;
          boolean stillNewest =
              keys.stream()
                  .min(NEWEST_FIRST)
                  .map(newest -> newest.keyId().equals(newestKeyId))
                  .orElse(false);
          if (stillNewest) {
            keys.add(key);
            inserts.incrementAndGet();
          }
          return null;
        });
    return newestFirst();
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
        () -> {
          InMemoryStore.Data data = store.write();
          boolean retired = data.signingKeys.removeIf(key -> key.keyId().equals(keyId));
          if (retired) {
            // Every instance forgets the key, and the tokens it verified, with the commit.
            store.announce(data, new InvalidationScope.Everything());
          }
          return retired;
        });
  }

  /** How many times {@link #activeKeys} was called. */
  public int reads() {
    return reads.get();
  }

  /** How many keys the insert methods stored. */
  public int inserts() {
    return inserts.get();
  }

  /**
   * What {@link #activeKeys} answers from now on, given the stored keys: a read that missed a
   * concurrent insert, a database that is down. The other calls still see the stored keys.
   */
  public void answerActiveKeys(UnaryOperator<List<StoredSigningKey>> answer) {
    this.activeKeysAnswer = Objects.requireNonNull(answer, "answer");
  }

  /** What a rotation by another instance does: one more active key, uncounted. */
  public void add(StoredSigningKey key) {
    transactions.acrossTenants(() -> store.write().signingKeys.add(key));
  }

  /** What an attacker with write access to the table does: the stored key becomes {@code key}. */
  public void replace(StoredSigningKey key) {
    transactions.acrossTenants(
        () -> {
          store.write().signingKeys.replaceAll(old -> old.keyId().equals(key.keyId()) ? key : old);
          return null;
        });
  }

  /** The active key {@code keyId}; fails if there is none. */
  public StoredSigningKey key(String keyId) {
    return newestFirst().stream()
        .filter(key -> key.keyId().equals(keyId))
        .findFirst()
        .orElseThrow();
  }

  private List<StoredSigningKey> newestFirst() {
    return transactions.acrossTenants(
        () -> store.read().signingKeys.stream().sorted(NEWEST_FIRST).toList());
  }
}
