/** Shared building blocks of the RBAC model: validation of values. */
package io.warden.domain.model;
