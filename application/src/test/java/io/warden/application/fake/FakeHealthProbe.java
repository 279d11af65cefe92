package io.warden.application.fake;

import io.warden.application.port.driven.HealthProbe;
import io.warden.application.port.driving.HealthUseCase;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A dependency whose state a test sets: its name and criticality are the record's, its check the
 * one last {@link #set}.
 */
public record FakeHealthProbe(
    String name, boolean critical, AtomicReference<HealthUseCase.Check> check)
    implements HealthProbe {

  public FakeHealthProbe {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(check, "check");
  }

  /** A probe that answers {@code UP}, {@code ok} until a test sets it otherwise. */
  public FakeHealthProbe(String name, boolean critical) {
    this(
        name,
        critical,
        new AtomicReference<>(new HealthUseCase.Check(HealthUseCase.Status.UP, "ok")));
  }

  public void set(HealthUseCase.Status status, String detail) {
    check.set(new HealthUseCase.Check(status, detail));
  }

  @Override
  public HealthUseCase.Check probe() {
    return check.get();
  }
}
