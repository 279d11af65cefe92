/** One final service per use case, implementing it over the driven ports. */
package io.warden.application.service;
