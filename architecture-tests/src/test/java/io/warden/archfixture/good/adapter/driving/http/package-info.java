/** A driving adapter. */
@NullMarked
package io.warden.archfixture.good.adapter.driving.http;

import org.jspecify.annotations.NullMarked;
