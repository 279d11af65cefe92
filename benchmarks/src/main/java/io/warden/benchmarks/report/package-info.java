/** Charts for BENCHMARKS.md, drawn from the harnesses' own figures (no plotting tool needed). */
package io.warden.benchmarks.report;
