/** The domain. */
@NullMarked
package io.warden.archfixture.good.domain;

import org.jspecify.annotations.NullMarked;
