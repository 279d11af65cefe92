/**
 * Driving ports: the use cases adapters call, one interface each, with their commands and results
 * as records, and {@link io.warden.application.port.driving.DrivingPorts}, all of them in one
 * value.
 */
@NullMarked
package io.warden.application.port.driving;

import org.jspecify.annotations.NullMarked;
