package io.warden.benchmarks.memory;

import io.helidon.webserver.WebServer;

/**
 * The smallest Helidon 4 SE server: {@code GET /ping} answers {@code pong}, nothing else. Its RSS
 * under the same load is the floor Warden's footprint is measured against. Argument: the port.
 */
public final class BarePingServer {
  private BarePingServer() {}

  public static void main(String[] args) {
    WebServer server =
        WebServer.builder()
            .port(Integer.parseInt(args[0]))
            .routing(routing -> routing.get("/ping", (req, res) -> res.send("pong")))
            .build()
            .start();
    System.out.println("bare ping server listening on port " + server.port());
  }
}
