/**
 * Sample: an echo server to point Windows/.NET clients at.
 */
@NullMarked
package org.negotiatetcp.samples.echo;

import org.jspecify.annotations.NullMarked;
