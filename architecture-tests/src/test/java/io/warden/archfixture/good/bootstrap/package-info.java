/** The assembly. */
@NullMarked
package io.warden.archfixture.good.bootstrap;

import org.jspecify.annotations.NullMarked;
