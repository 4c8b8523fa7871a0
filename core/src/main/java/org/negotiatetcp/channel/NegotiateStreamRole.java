package org.negotiatetcp.channel;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.negotiatetcp.mechanism.MechanismContext;
import org.negotiatetcp.security.SecurityInfo;
import org.negotiatetcp.stream.HandshakeMessage;

/**
 * One side's part in an [MS-NNS] handshake, as the {@link NegotiateStreamHandler} drives it: the initiator
 * ({@link ClientStreamRole}) or the acceptor ({@link ServerStreamRole}), each wrapping the protocol driver of
 * {@code org.negotiatetcp.stream}. One role per handshake; called on the channel's event loop unless said otherwise.
 */
interface NegotiateStreamRole {

	/**
	 * Begin the handshake.
	 * @return the message that opens the handshake (the client's first token, computed off the event loop because a
	 * Kerberos initiator may contact the KDC), or empty when the peer speaks first
	 */
	Mono<HandshakeMessage> start();

	/**
	 * Process one handshake message from the peer.
	 * @param message the message
	 * @return what to send back, or {@code null}; once {@link #isComplete()}, the stream handler sends it only after
	 * {@link #authorize} accepted the peer
	 */
	@Nullable HandshakeMessage onMessage(HandshakeMessage message);

	/**
	 * Whether the handshake is complete on this side.
	 * @return {@code true} once the context is established and nothing more is expected
	 */
	boolean isComplete();

	/**
	 * Return the established context, which protects the data frames.
	 * @return the context
	 */
	MechanismContext context();

	/**
	 * Return the authenticated peer, once {@link #isComplete()}.
	 * @return the security information
	 */
	SecurityInfo securityInfo();

	/**
	 * Decide whether the authenticated peer may use the stream.
	 * @param info the peer
	 * @return completes (with an attachment, or empty) to accept; an error refuses
	 */
	Mono<?> authorize(SecurityInfo info);

	/**
	 * The handshake failed: report it where this side reports refusals (the server's log) and return the
	 * HandshakeError to send, before the handlers after the stream handler hear of the failure.
	 * @param failure why it failed
	 * @param peer the peer, if it was authenticated before it was refused
	 * @param remote the peer's address
	 * @return the message, or {@code null} when [MS-NNS] sends nothing (the peer aborted, or nothing was sent yet)
	 */
	@Nullable HandshakeMessage errorFor(Throwable failure, @Nullable SecurityInfo peer, @Nullable Object remote);

	/**
	 * The handshake is over and the stream is protected: let go of what only the handshake needed (the context stays
	 * until {@link #close()}). An established channel can stay open for a long time.
	 */
	default void handshakeEnded() {
	}

	/**
	 * Release the context (idempotent).
	 */
	void close();

}
