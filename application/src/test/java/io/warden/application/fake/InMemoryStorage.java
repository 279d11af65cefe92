package io.warden.application.fake;

import io.warden.application.port.driven.contract.Storage;

/** The storage ports of one {@link InMemoryStore}, as the contract tests take them. */
public final class InMemoryStorage {
  private InMemoryStorage() {}

  /** Every storage fake over {@code store}, sharing its transactions. */
  public static Storage of(InMemoryStore store) {
    FakeTransactions transactions = new FakeTransactions(store);
    return new Storage(
        transactions,
        new InMemoryTenantRepository(store),
        new InMemoryUserRepository(store),
        new InMemoryMembershipRepository(store),
        new InMemoryInvitationRepository(store),
        new InMemoryRoleRepository(store),
        new InMemoryPermissionRepository(store),
        new InMemorySessionRepository(store),
        new InMemorySigningKeyRepository(store, transactions),
        new InMemoryChangeJournal(store),
        new InMemoryCacheEpochs(store),
        new InMemoryOrganizationRepository(store),
        new InMemoryAuditLog(store));
  }
}
