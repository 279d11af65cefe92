package io.warden.application.port.driven;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.application.fake.InMemoryMembershipRepository;
import io.warden.application.fake.InMemoryWarden;
import io.warden.domain.model.tenant.Tenant;
import io.warden.domain.model.user.Membership;
import io.warden.domain.model.user.UserId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The default {@link MembershipRepository#count} walks exactly what {@code page} walks. */
class MembershipRepositoryTest {
  private final InMemoryWarden warden = new InMemoryWarden();

  @Test
  void the_default_count_agrees_with_an_adapter_that_counts_for_itself() {
    int onePage = MembershipRepository.COUNT_PAGE_SIZE;
    List<UserId> users = new ArrayList<>();
    for (int i = 0; i < onePage + 7; i++) {
      users.add(warden.createUser("u" + i + "@example.com").id());
    }
    // Exactly one page must not be counted twice or stop a page early; more must go on.
    Tenant exact = withMembers(warden.createTenant("exact"), users.subList(0, onePage));
    Tenant more = withMembers(warden.createTenant("more"), users);
    Tenant empty = warden.createTenant("empty");
    MembershipRepository pagesOnly = new PagesOnly(warden.memberships());

    assertThat(count(exact, pagesOnly)).isEqualTo(onePage);
    assertThat(count(more, pagesOnly)).isEqualTo(onePage + 7);
    assertThat(count(empty, pagesOnly)).isZero();
    for (Tenant tenant : List.of(exact, more, empty)) {
      assertThat(count(tenant, warden.memberships())).isEqualTo(count(tenant, pagesOnly));
    }
  }

  private Tenant withMembers(Tenant tenant, List<UserId> users) {
    warden
        .transactions()
        .inTenant(
            tenant.id(),
            () -> {
              warden
                  .memberships()
                  .insertAll(
                      users.stream().map(u -> new Membership(tenant.id(), u, true)).toList());
              return null;
            });
    return tenant;
  }

  private long count(Tenant tenant, MembershipRepository repository) {
    return warden.transactions().readInTenant(tenant.id(), repository::count);
  }

  /** Everything but {@code count}, so the interface's default runs. */
  private record PagesOnly(InMemoryMembershipRepository delegate) implements MembershipRepository {
    @Override
    public Optional<Membership> find(UserId userId) {
      return delegate.find(userId);
    }

    @Override
    public void insert(Membership membership) {
      delegate.insert(membership);
    }

    @Override
    public void insertAll(Collection<Membership> memberships) {
      delegate.insertAll(memberships);
    }

    @Override
    public boolean delete(UserId userId) {
      return delegate.delete(userId);
    }

    @Override
    public List<Membership> page(Optional<UserId> after, int limit) {
      return delegate.page(after, limit);
    }
  }
}
