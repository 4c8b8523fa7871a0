/**
 * Meters of Negotiate TCP channels: a {@link org.negotiatetcp.metrics.NegotiateMetricsRecorder} SPI the engine calls,
 * and its Micrometer implementation (Micrometer is an optional dependency: only needed if the Micrometer classes here
 * are used).
 */
@NullMarked
package org.negotiatetcp.metrics;

import org.jspecify.annotations.NullMarked;
