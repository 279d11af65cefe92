package io.warden.bootstrap;

/** Starts Warden from {@code application.yaml} and the environment, and stops it on shutdown. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Warden warden = Warden.start(WardenConfig.load());
    Runtime.getRuntime().addShutdownHook(new Thread(warden::close, "warden-shutdown"));
  }
}
