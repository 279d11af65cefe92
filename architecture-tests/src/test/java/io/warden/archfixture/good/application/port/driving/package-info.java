/** Driving ports; the compiled package-info is an interface too, and must not count as one. */
@NullMarked
package io.warden.archfixture.good.application.port.driving;

import org.jspecify.annotations.NullMarked;
