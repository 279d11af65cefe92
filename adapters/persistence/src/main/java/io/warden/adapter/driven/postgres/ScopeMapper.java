package io.warden.adapter.driven.postgres;

import org.apache.ibatis.annotations.Select;

/** The statements that open a transaction's row-level-security scope. */
interface ScopeMapper {

  /**
   * Sets the tenant (empty for none) and the cross-tenant switch for this transaction only: both
   * are set every time, so nothing a previous transaction did can leak into this one.
   */
  @Select(
      """
      SELECT set_config('warden.tenant_id', #{tenantId}, true)
          || set_config('warden.cross_tenant', #{crossTenant}, true)
      """)
  String bind(String tenantId, String crossTenant);
}
