/**
 * The architecture rules of Warden, each a reusable {@code ArchRule} factory ({@link
 * io.warden.architecture.WardenRules}), checked against the real classes and shown able to fail
 * against small violating fixtures.
 */
package io.warden.architecture;
