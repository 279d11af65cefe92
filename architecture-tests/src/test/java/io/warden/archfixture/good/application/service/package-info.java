/** Use-case services. */
@NullMarked
package io.warden.archfixture.good.application.service;

import org.jspecify.annotations.NullMarked;
