package io.warden.archfixture.bad.use_case_naming.application.port.in;

/** Violation: a driving port not named ...UseCase. */
public interface RenameOrder {
  void rename(String name);
}
