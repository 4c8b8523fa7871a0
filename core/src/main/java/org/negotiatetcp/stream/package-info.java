/**
 * [MS-NNS] NegotiateStream: handshake messages, data frames and the handshake drivers of both roles.
 */
@NullMarked
package org.negotiatetcp.stream;

import org.jspecify.annotations.NullMarked;
