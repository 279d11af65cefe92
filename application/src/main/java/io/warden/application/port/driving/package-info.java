/** Driving ports: the use cases adapters call, with their commands and results as records. */
package io.warden.application.port.driving;
