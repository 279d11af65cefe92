package io.warden.archfixture.bad.use_case_naming.application.port.driving;

/** Violation: a driving port not named ...UseCase. */
public interface RenameOrder {
  void rename(String name);
}
