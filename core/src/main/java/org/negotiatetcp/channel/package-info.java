/**
 * The reactive channel API: a client channel factory, a server listener, channels with their security information.
 */
@NullMarked
package org.negotiatetcp.channel;

import org.jspecify.annotations.NullMarked;
