/**
 * Decorators that time the ports they wrap and report to {@link
 * io.warden.application.port.driven.Metrics}: wired by bootstrap around each cache tier and use
 * case, so that no service and no tier knows it is measured.
 */
@NullMarked
package io.warden.application.metering;

import org.jspecify.annotations.NullMarked;
