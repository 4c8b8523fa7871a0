/**
 * The reactive channel API: a client channel factory, a server listener, channels with their security information.
 * <p>
 * Inside, each connection is a Netty pipeline of small handlers, one job each, composed in front of Reactor Netty's
 * bridge. A server connection ({@code ServerPipeline}): admission control, an {@code IdleStateHandler} for the receive
 * timeout, the [MS-NNS] {@code NegotiateStreamHandler} (handshake, then data frames), the [MC-NMF]
 * {@code NmfServerHandler} in {@code net.tcp} mode (preamble, envelopes, End/End and reuse), the initialization
 * deadline, the {@code ServerSessionHandler} (the session and the application's handler), and a handler that holds
 * {@code channelActive} back until the first handshake completed. A client session ({@code ClientHandlers}): the same
 * stream, framing, deadline and session layers; a pooled connection waits with an {@code IdleConnectionHandler} in
 * their place. The stream handler announces the end of each handshake with a {@code HandshakeCompletionEvent}
 * carrying the peer's {@link org.negotiatetcp.security.SecurityInfo}.
 */
@NullMarked
package org.negotiatetcp.channel;

import org.jspecify.annotations.NullMarked;
