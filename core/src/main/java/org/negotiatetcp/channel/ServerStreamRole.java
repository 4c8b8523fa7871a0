package org.negotiatetcp.channel;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.negotiatetcp.UntrustedText;
import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;
import org.negotiatetcp.mechanism.InitialToken;
import org.negotiatetcp.mechanism.MechanismContext;
import org.negotiatetcp.mechanism.spnego.AcceptorFactory;
import org.negotiatetcp.security.SecurityInfo;
import org.negotiatetcp.stream.HandshakeErrorException;
import org.negotiatetcp.stream.HandshakeErrorPayload;
import org.negotiatetcp.stream.HandshakeMessage;
import org.negotiatetcp.stream.ServerHandshake;

/**
 * The acceptor's part in an [MS-NNS] handshake: creates the acceptor from the client's first token, drives a
 * {@link ServerHandshake}, and, before the final HandshakeDone, applies the {@link AcceptancePolicy} and the
 * application's {@link SessionAuthorizer}. A refusal is logged and answered with the policy error.
 */
final class ServerStreamRole implements NegotiateStreamRole {

	private static final Logger logger = LoggerFactory.getLogger(NegotiateServer.class);

	private final ServerSettings settings;

	private final @Nullable String via;

	private final ServerHandshake handshake;

	private InitialToken firstToken = InitialToken.UNKNOWN;

	private boolean closed;

	/**
	 * Create the role for one handshake.
	 * @param settings what the server accepts
	 * @param acceptors creates the acceptor contexts
	 * @param via the via of the [MC-NMF] preamble, or {@code null} in raw mode
	 */
	ServerStreamRole(ServerSettings settings, AcceptorFactory acceptors, @Nullable String via) {
		this.settings = settings;
		this.via = via;
		this.handshake = new ServerHandshake((token) -> {
			this.firstToken = InitialToken.detect(token);
			return acceptors.create(token);
		}, settings.limits().maxHandshakeLegs());
	}

	@Override
	public Mono<HandshakeMessage> start() {
		return Mono.empty();
	}

	@Override
	public HandshakeMessage onMessage(HandshakeMessage message) {
		if (this.closed) {
			throw new IllegalStateException("the handshake is closed");
		}
		return this.handshake.onMessage(message);
	}

	@Override
	public boolean isComplete() {
		return this.handshake.isComplete();
	}

	@Override
	public MechanismContext context() {
		MechanismContext context = this.handshake.context();
		if (context == null || this.closed) {
			throw new IllegalStateException("no acceptor context");
		}
		return context;
	}

	@Override
	public SecurityInfo securityInfo() {
		return SecurityInfos.of(context(), this.firstToken, null);
	}

	@Override
	public Mono<?> authorize(SecurityInfo info) {
		String refusal = AcceptancePolicy.refusal(info, this.settings.acceptor());
		if (refusal != null) {
			return Mono.error(new NegotiateException(FailureReason.POLICY, refusal));
		}
		try {
			return this.settings.authorizer()
				.authorize(info, this.via)
				.onErrorMap((error) -> new NegotiateException(FailureReason.POLICY,
						"Refused by the authorizer: " + error.getMessage(), error));
		}
		catch (RuntimeException ex) {
			return Mono.error(new NegotiateException(FailureReason.POLICY,
					"Refused by the authorizer: " + ex.getMessage(), ex));
		}
	}

	@Override
	public @Nullable HandshakeMessage errorFor(Throwable failure, @Nullable SecurityInfo peer,
			@Nullable Object remote) {
		if (failure instanceof HandshakeErrorException) {
			logger.warn("Client {} aborted the handshake: {}", remote, UntrustedText.safe(failure.getMessage(), UntrustedText.MAX_MESSAGE_LENGTH));
			return null;
		}
		logger.warn("Refusing {}{}: {}", remote, (peer != null) ? " (" + UntrustedText.safe(peer.peerName()) + ")" : "",
				UntrustedText.safe(failure.getMessage(), UntrustedText.MAX_MESSAGE_LENGTH));
		return HandshakeMessage.error(HandshakeErrorPayload.codeFor(failure));
	}

	@Override
	public void close() {
		if (!this.closed) {
			this.closed = true;
			MechanismContext context = this.handshake.context();
			if (context != null) {
				context.close();
			}
		}
	}

}
