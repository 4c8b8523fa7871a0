/**
 * Sample: a client-only application configured for an external WCF service.
 */
@NullMarked
package org.negotiatetcp.samples.client;

import org.jspecify.annotations.NullMarked;
