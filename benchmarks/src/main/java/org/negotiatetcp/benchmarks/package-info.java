/**
 * JMH benchmarks of the project beside its anchors (JGSS), and the report they write.
 */
@NullMarked
package org.negotiatetcp.benchmarks;

import org.jspecify.annotations.NullMarked;
