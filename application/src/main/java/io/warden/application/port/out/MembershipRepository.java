package io.warden.application.port.out;

import io.warden.domain.model.user.Membership;
import io.warden.domain.model.user.UserId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Memberships of the current transaction's tenant (row-level security scopes every call). */
public interface MembershipRepository {

  Optional<Membership> find(UserId userId);

  /** {@link io.warden.application.port.in.Conflict} if the user is a member already. */
  void insert(Membership membership);

  void insertAll(Collection<Membership> memberships);

  /** Deletes the membership and its role assignments; returns whether it existed. */
  boolean delete(UserId userId);

  /** Up to {@code limit} memberships with user id greater than {@code after}, by user id. */
  List<Membership> page(Optional<UserId> after, int limit);
}
