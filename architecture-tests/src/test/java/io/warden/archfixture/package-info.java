/**
 * Small class sets the architecture rules are evaluated against: {@code good} is a hexagon that
 * keeps every rule, each package under {@code bad} breaks one on purpose. Never wired, never run.
 */
package io.warden.archfixture;
