/** Shared building blocks of the RBAC model: validation of values. */
@NullMarked
package io.warden.domain.model;

import org.jspecify.annotations.NullMarked;
