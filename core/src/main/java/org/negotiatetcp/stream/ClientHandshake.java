package org.negotiatetcp.stream;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.identity.TargetName;
import org.negotiatetcp.mechanism.MechanismContext;
import org.negotiatetcp.mechanism.UnknownTargetException;

/**
 * The client's side of the [MS-NNS] handshake (3.1.5): sends HandshakeInProgress while its context needs more legs,
 * HandshakeDone once it is complete, and waits for the server's HandshakeDone (often empty). A non-empty final
 * HandshakeDone payload is processed when the context still needs it (Kerberos AP-REP, SPNEGO mechListMIC).
 */
public final class ClientHandshake {

	private final MechanismContext context;

	private boolean complete;

	private int legs;

	private final int maxLegs;

	private final @Nullable TargetName target;

	/**
	 * Create the driver.
	 * @param context the initiator context
	 * @param maxLegs the most handshake messages accepted from the server before giving up
	 */
	public ClientHandshake(MechanismContext context, int maxLegs) {
		this(context, maxLegs, null);
	}

	/**
	 * Create the driver for a context that authenticates to a target name, which a HandshakeError then names.
	 * @param context the initiator context
	 * @param maxLegs the most handshake messages accepted from the server before giving up
	 * @param target the target name the context asked for, or {@code null}
	 */
	public ClientHandshake(MechanismContext context, int maxLegs, @Nullable TargetName target) {
		this.context = context;
		this.maxLegs = maxLegs;
		this.target = target;
	}

	/**
	 * Produce the first message.
	 * @return HandshakeInProgress with the first token, or HandshakeDone if the context completed at once
	 */
	public HandshakeMessage start() {
		byte[] token = this.context.step(null);
		return this.context.isEstablished() ? HandshakeMessage.done(token) : HandshakeMessage.inProgress(token);
	}

	/**
	 * Process a message from the server.
	 * @param message the message
	 * @return the message to send next, or {@code null} if nothing is to be sent
	 * @throws HandshakeErrorException if the server sent HandshakeError
	 * @throws NnsProtocolException if the server broke the handshake rules
	 */
	public @Nullable HandshakeMessage onMessage(HandshakeMessage message) {
		if (++this.legs > this.maxLegs) {
			throw new NnsProtocolException(FailureReason.LIMIT,
					"NNS handshake did not finish within " + this.maxLegs + " legs");
		}
		switch (message.id()) {
			case HANDSHAKE_ERROR -> throw refused(HandshakeErrorPayload.decode(message.payload()));
			case HANDSHAKE_IN_PROGRESS -> {
				if (this.context.isEstablished()) {
					throw new NnsProtocolException(FailureReason.PROTOCOL,
							"Server sent another handshake token after the client's context was complete");
				}
				byte[] token = this.context.step(message.payload());
				return this.context.isEstablished() ? HandshakeMessage.done(token) : HandshakeMessage.inProgress(token);
			}
			default -> {
				if (!this.context.isEstablished()) {
					byte[] token = this.context.step(message.payload());
					if (!this.context.isEstablished()) {
						throw new NnsProtocolException(FailureReason.PROTOCOL,
								"Server said the handshake is done but the client's context is not complete");
					}
					if (token.length > 0) {
						throw new NnsProtocolException(FailureReason.PROTOCOL,
								"Client context produced a token after the server's HandshakeDone");
					}
				}
				this.complete = true;
				return null;
			}
		}
	}

	private HandshakeErrorException refused(int code) {
		TargetName name = this.target;
		if (code == HandshakeErrorPayload.SEC_E_TARGET_UNKNOWN && name != null) {
			return new HandshakeErrorException(code, "during the NegotiateStream handshake: the server holds no key for "
					+ "the target name " + name.name() + " this client authenticated to; add " + name.name()
					+ " to the server's keytab (or the service account's SPNs), or set "
					+ UnknownTargetException.ENDPOINT_IDENTITY + " to an SPN the server holds");
		}
		String with = (name != null) ? " with " + name.name() : "";
		if (code == HandshakeErrorPayload.SEC_E_LOGON_DENIED) {
			return new HandshakeErrorException(code, "during the NegotiateStream handshake" + with
					+ ": the server did not accept the client's credential (a wrong password or an unknown or disabled "
					+ "account with NTLM, a ticket it could not use with Kerberos); the server's log says why");
		}
		return new HandshakeErrorException(code, "during the NegotiateStream handshake" + with);
	}

	/**
	 * Whether the handshake finished: both sides are done.
	 * @return {@code true} when complete
	 */
	public boolean isComplete() {
		return this.complete;
	}

}
