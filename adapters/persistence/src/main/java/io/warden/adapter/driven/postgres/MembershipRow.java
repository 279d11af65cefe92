package io.warden.adapter.driven.postgres;

import io.warden.domain.model.tenant.TenantId;
import io.warden.domain.model.user.Membership;
import io.warden.domain.model.user.UserId;
import java.util.UUID;

/** A row of {@code memberships}. */
record MembershipRow(UUID tenantId, UUID userId, boolean active) {
  static MembershipRow of(Membership membership) {
    return new MembershipRow(
        membership.tenantId().value(), membership.userId().value(), membership.active());
  }

  Membership toMembership() {
    return new Membership(new TenantId(tenantId), new UserId(userId), active);
  }
}
