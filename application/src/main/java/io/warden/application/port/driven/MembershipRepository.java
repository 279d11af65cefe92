package io.warden.application.port.driven;

import io.warden.domain.model.user.Membership;
import io.warden.domain.model.user.UserId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Memberships of the current transaction's tenant (row-level security scopes every call). */
public interface MembershipRepository {

  Optional<Membership> find(UserId userId);

  /** {@link io.warden.application.port.driving.Conflict} if the user is a member already. */
  void insert(Membership membership);

  void insertAll(Collection<Membership> memberships);

  /** Deletes the membership and its role assignments; returns whether it existed. */
  boolean delete(UserId userId);

  /** Up to {@code limit} memberships with user id greater than {@code after}, by user id. */
  List<Membership> page(Optional<UserId> after, int limit);

  /**
   * How many memberships the tenant has, active or not: the number {@link #page} walks through.
   * This default walks the pages; an adapter with a cheaper way (one {@code COUNT}) overrides it.
   */
  default long count() {
    long count = 0;
    Optional<UserId> after = Optional.empty();
    while (true) {
      List<Membership> page = page(after, COUNT_PAGE_SIZE);
      count += page.size();
      if (page.size() < COUNT_PAGE_SIZE) {
        return count;
      }
      after = Optional.of(page.get(page.size() - 1).userId());
    }
  }

  /** Page size of the default {@link #count}. */
  int COUNT_PAGE_SIZE = 1000;
}
