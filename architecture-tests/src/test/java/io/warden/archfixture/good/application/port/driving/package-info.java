/** Driving ports; the compiled package-info is an interface too, and must not count as one. */
package io.warden.archfixture.good.application.port.driving;
