package io.warden.application.port.driving;

/** Start-up provisioning: the first system administrator and optional demo data. */
public interface ProvisioningUseCase {

  /** Creates this system administrator unless a user with the e-mail exists already. */
  void ensureSystemAdmin(String email, String password, String displayName);

  /**
   * Seeds {@code tenants} demo tenants of {@code usersPerTenant} users each (with roles and
   * assignments) unless they exist already; every demo user gets {@code password}.
   */
  DemoSeed seedDemo(int tenants, int usersPerTenant, String password);

  /** What a demo seed created (zero when everything was there already). */
  record DemoSeed(int tenantsCreated, int usersCreated) {}
}
