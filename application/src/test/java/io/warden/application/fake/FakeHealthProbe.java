package io.warden.application.fake;

import io.warden.application.port.driven.HealthProbe;
import io.warden.application.port.driving.HealthUseCase;
import java.util.Objects;

/** A dependency whose state a test sets. */
public final class FakeHealthProbe implements HealthProbe {
  private final String name;
  private final boolean critical;
  private volatile HealthUseCase.Check check =
      new HealthUseCase.Check(HealthUseCase.Status.UP, "ok");

  public FakeHealthProbe(String name, boolean critical) {
    this.name = Objects.requireNonNull(name, "name");
    this.critical = critical;
  }

  public void set(HealthUseCase.Status status, String detail) {
    this.check = new HealthUseCase.Check(status, detail);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean critical() {
    return critical;
  }

  @Override
  public HealthUseCase.Check probe() {
    return check;
  }
}
