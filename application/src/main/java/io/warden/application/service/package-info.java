/**
 * One final service per use case, implementing it over the driven ports, and {@link
 * io.warden.application.service.Services}, the one place that constructs them.
 */
@NullMarked
package io.warden.application.service;

import org.jspecify.annotations.NullMarked;
