/**
 * Process-level tests of the samples: each runs as its own JVM, started the way its README says.
 */
@NullMarked
package org.negotiatetcp.samples.process;

import org.jspecify.annotations.NullMarked;
