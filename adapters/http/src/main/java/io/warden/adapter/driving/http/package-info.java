/**
 * The HTTP driving adapter: Helidon 4 SE routes that turn requests into use-case calls and results
 * into the JSON of the HTTP contract ({@code docs/api.md}, {@code openapi.yaml}), with every
 * failure answered as RFC 9457 problem+json in one place ({@link
 * io.warden.adapter.driving.http.ProblemResponses}). The entry point is {@link
 * io.warden.adapter.driving.http.WardenHttp}.
 */
@NullMarked
package io.warden.adapter.driving.http;

import org.jspecify.annotations.NullMarked;
