/** Warden's RBAC model and its rules, in pure Java: no framework, no I/O. */
@NullMarked
package io.warden.domain;

import org.jspecify.annotations.NullMarked;
