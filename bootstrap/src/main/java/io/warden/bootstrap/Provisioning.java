package io.warden.bootstrap;

import io.warden.application.port.driving.ProvisioningUseCase;
import java.util.concurrent.TimeUnit;

/** What start-up provisions from configuration: the first system administrator, demo data. */
final class Provisioning {
  private static final System.Logger LOG = System.getLogger(Provisioning.class.getName());

  private Provisioning() {}

  static void run(WardenConfig config, ProvisioningUseCase provisioning) {
    if (config.adminEmail().isPresent() != config.adminPassword().isPresent()) {
      throw new IllegalArgumentException(
          "WARDEN_ADMIN_EMAIL and WARDEN_ADMIN_PASSWORD must be set together");
    }
    if (config.adminEmail().isPresent()) {
      provisioning.ensureSystemAdmin(
          config.adminEmail().get(), config.adminPassword().get(), "Administrator");
    }
    if (config.demoTenants() > 0 && config.demoUsers() > 0) {
      long started = System.nanoTime();
      var seeded =
          provisioning.seedDemo(config.demoTenants(), config.demoUsers(), config.demoPassword());
      LOG.log(
          System.Logger.Level.INFO,
          "Demo data: {0} tenants and {1} users created in {2} ms",
          seeded.tenantsCreated(),
          seeded.usersCreated(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }
  }
}
