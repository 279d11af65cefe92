/** Driven ports. */
@NullMarked
package io.warden.archfixture.good.application.port.driven;

import org.jspecify.annotations.NullMarked;
