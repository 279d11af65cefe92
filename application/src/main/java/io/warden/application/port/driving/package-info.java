/**
 * Driving ports: the use cases adapters call, one interface each, with their commands and results
 * as records, and {@link io.warden.application.port.driving.DrivingPorts}, all of them in one
 * value.
 */
package io.warden.application.port.driving;
