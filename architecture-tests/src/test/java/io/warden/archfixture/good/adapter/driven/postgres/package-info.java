/** A driven adapter. */
@NullMarked
package io.warden.archfixture.good.adapter.driven.postgres;

import org.jspecify.annotations.NullMarked;
