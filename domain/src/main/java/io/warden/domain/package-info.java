/** Warden's RBAC model and its rules, in pure Java: no framework, no I/O. */
package io.warden.domain;
