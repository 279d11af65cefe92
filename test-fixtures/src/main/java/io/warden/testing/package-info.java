/**
 * Test fixtures that need nothing of Warden: the clock tests move ({@link
 * io.warden.testing.MutableClock}), a Warden launched as an operator runs it ({@link
 * io.warden.testing.LaunchedWarden}, its {@link io.warden.testing.LaunchedWarden.Environment} and
 * {@link io.warden.testing.WardenStartup}), the Node.js and browser tools ({@link
 * io.warden.testing.Tools}), and the built-in permissions' names as the tests expect them ({@link
 * io.warden.testing.BuiltInPermissionNames}).
 */
@NullMarked
package io.warden.testing;

import org.jspecify.annotations.NullMarked;
