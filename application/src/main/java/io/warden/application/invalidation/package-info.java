/**
 * How this instance's caches hear of committed changes: invalidation over two channels (the primary
 * push feed and a second one with a witness), and the data versions applied from either.
 */
@NullMarked
package io.warden.application.invalidation;

import org.jspecify.annotations.NullMarked;
