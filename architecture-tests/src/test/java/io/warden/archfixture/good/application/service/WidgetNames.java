package io.warden.archfixture.good.application.service;

/** A helper beside the services, implementing no use case: free to be named as it likes. */
public class WidgetNames {
  public String normalise(String name) {
    return name.strip();
  }
}
