/** A miniature hexagon that keeps every Warden rule. */
@NullMarked
package io.warden.archfixture.good;

import org.jspecify.annotations.NullMarked;
