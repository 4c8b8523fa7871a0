package org.negotiatetcp.stream;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.mechanism.MechanismContext;

/**
 * The server's side of the [MS-NNS] handshake (3.2.5): creates the acceptor from the client's first token, answers
 * HandshakeInProgress while more legs are needed, and HandshakeDone (with the last token, or empty, because the
 * client always waits for it) once complete.
 */
public final class ServerHandshake {

	private final Function<byte[], MechanismContext> acceptors;

	private final int maxLegs;

	private @Nullable MechanismContext context;

	private int legs;

	/**
	 * Create the driver.
	 * @param acceptors creates the acceptor from the client's first token
	 * @param maxLegs the most handshake messages accepted from the client before giving up
	 */
	public ServerHandshake(Function<byte[], MechanismContext> acceptors, int maxLegs) {
		this.acceptors = acceptors;
		this.maxLegs = maxLegs;
	}

	/**
	 * Process a message from the client.
	 * @param message the message
	 * @return the message to send back; HandshakeDone once the server's context is established
	 * @throws HandshakeErrorException if the client sent HandshakeError
	 * @throws NnsProtocolException if the client broke the handshake rules
	 */
	public HandshakeMessage onMessage(HandshakeMessage message) {
		if (++this.legs > this.maxLegs) {
			throw new NnsProtocolException(FailureReason.LIMIT,
					"NNS handshake did not finish within " + this.maxLegs + " legs");
		}
		if (message.id() == HandshakeMessageId.HANDSHAKE_ERROR) {
			throw new HandshakeErrorException(HandshakeErrorPayload.decode(message.payload()),
					"during the NegotiateStream handshake");
		}
		MechanismContext current = this.context;
		if (current == null) {
			current = this.acceptors.apply(message.payload());
			this.context = current;
		}
		else if (current.isEstablished()) {
			throw new NnsProtocolException(FailureReason.PROTOCOL,
					"Client sent another handshake message after the server's context was complete");
		}
		byte[] token = current.step(message.payload());
		if (current.isEstablished()) {
			return HandshakeMessage.done(token);
		}
		if (message.id() == HandshakeMessageId.HANDSHAKE_DONE) {
			throw new NnsProtocolException(FailureReason.PROTOCOL,
					"Client said the handshake is done but the server's context needs more tokens");
		}
		return HandshakeMessage.inProgress(token);
	}

	/**
	 * Return the acceptor context, once the first token arrived.
	 * @return the context or {@code null}
	 */
	public @Nullable MechanismContext context() {
		return this.context;
	}

	/**
	 * Whether the server's context is established.
	 * @return {@code true} once established
	 */
	public boolean isComplete() {
		MechanismContext current = this.context;
		return current != null && current.isEstablished();
	}

}
