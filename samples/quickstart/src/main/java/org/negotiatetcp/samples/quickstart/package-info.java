/**
 * Sample: the quickstart: an embedded KDC, a server and a client, one authenticated round trip.
 */
@NullMarked
package org.negotiatetcp.samples.quickstart;

import org.jspecify.annotations.NullMarked;
