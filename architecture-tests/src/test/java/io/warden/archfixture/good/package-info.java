/** A miniature hexagon that keeps every Warden rule. */
package io.warden.archfixture.good;
