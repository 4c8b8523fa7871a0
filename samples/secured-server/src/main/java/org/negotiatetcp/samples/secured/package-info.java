/**
 * Sample: a server with Spring Security authorization rules.
 */
@NullMarked
package org.negotiatetcp.samples.secured;

import org.jspecify.annotations.NullMarked;
