package io.warden.adapter.driving.http;

/** A group of related endpoints; it declares its routes and handles them with method references. */
interface WardenService {

  void routes(Routes routes);
}
