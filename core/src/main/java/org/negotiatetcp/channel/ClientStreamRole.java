package org.negotiatetcp.channel;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;
import org.negotiatetcp.mechanism.InitialToken;
import org.negotiatetcp.mechanism.InitiatorSettings;
import org.negotiatetcp.mechanism.MechanismContext;
import org.negotiatetcp.mechanism.spnego.InitiatorFactory;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.security.SecurityInfo;
import org.negotiatetcp.stream.ClientHandshake;
import org.negotiatetcp.stream.HandshakeErrorException;
import org.negotiatetcp.stream.HandshakeErrorPayload;
import org.negotiatetcp.stream.HandshakeMessage;

/**
 * The initiator's part in an [MS-NNS] handshake: creates the initiator context and sends the first token, drives a
 * {@link ClientHandshake}, and accepts the server only if it authenticated itself when {@code require-server-auth}
 * asks for it and the negotiated protection reaches the requested level.
 */
final class ClientStreamRole implements NegotiateStreamRole {

	private final InitiatorSettings settings;

	private final InitiatorFactory initiators;

	private final int maxLegs;

	private @Nullable MechanismContext context;

	private @Nullable ClientHandshake handshake;

	private InitialToken firstToken = InitialToken.UNKNOWN;

	private volatile Mono<HandshakeMessage> first;

	private boolean closed;

	ClientStreamRole(InitiatorSettings settings, InitiatorFactory initiators, int maxLegs) {
		this.settings = settings;
		this.initiators = initiators;
		this.maxLegs = maxLegs;
		// computed once; where it may need the KDC (a login, a TGS exchange for a service ticket not cached yet, a
		// forwarded ticket for delegation), off the event loop; else (NTLM, or a cached service ticket) where it is
		// subscribed to, which saves two thread hops per handshake
		Mono<HandshakeMessage> compute = Mono.fromCallable(this::firstMessage);
		this.first = Mono.defer(() -> initiators.startsWithoutWaiting(settings) ? compute
				: compute.subscribeOn(Schedulers.boundedElastic())).cache();
	}

	/**
	 * Return the first message, computed once, however often this is subscribed to: the [MC-NMF] handler subscribes
	 * while the preamble travels, so the handshake can start as soon as the server accepted the upgrade.
	 * @return the first message
	 */
	@Override
	public Mono<HandshakeMessage> start() {
		return this.first;
	}

	private HandshakeMessage firstMessage() {
		MechanismContext created = this.initiators.create(this.settings);
		ClientHandshake driver = new ClientHandshake(created, this.maxLegs, this.settings.target());
		HandshakeMessage first;
		try {
			first = driver.start();
		}
		catch (RuntimeException ex) {
			created.close();
			throw ex;
		}
		synchronized (this) {
			if (this.closed) {
				created.close();
				throw new NegotiateException(FailureReason.CONNECTION, "The connection closed during the handshake");
			}
			this.context = created;
			this.handshake = driver;
			this.firstToken = InitialToken.detect(first.payload());
		}
		return first;
	}

	@Override
	public synchronized @Nullable HandshakeMessage onMessage(HandshakeMessage message) {
		ClientHandshake driver = this.handshake;
		if (driver == null) {
			throw new NegotiateException(FailureReason.PROTOCOL,
					"Server sent " + message + " before the client's first handshake token");
		}
		return driver.onMessage(message);
	}

	@Override
	public synchronized boolean isComplete() {
		return this.handshake != null && this.handshake.isComplete();
	}

	@Override
	public synchronized MechanismContext context() {
		MechanismContext current = this.context;
		if (current == null) {
			throw new IllegalStateException("the handshake has not started");
		}
		return current;
	}

	@Override
	public SecurityInfo securityInfo() {
		return SecurityInfos.of(context(), this.firstToken, this.settings.target().name());
	}

	@Override
	public Mono<?> authorize(SecurityInfo info) {
		if (this.settings.requireServerAuth() && !info.mutuallyAuthenticated()) {
			return Mono.error(new NegotiateException(FailureReason.POLICY, "The server did not authenticate itself "
					+ "(mutual authentication with " + this.settings.target() + " via " + info.mechanism()
					+ " failed) while require-server-auth is true"));
		}
		ProtectionLevel wanted = this.settings.protectionLevel();
		if (!info.protectionLevel().isAtLeast(wanted)) {
			return Mono.error(new NegotiateException(FailureReason.POLICY, "The negotiated protection level "
					+ info.protectionLevel() + " is below the requested " + wanted));
		}
		return Mono.empty();
	}

	@Override
	public synchronized @Nullable HandshakeMessage errorFor(Throwable failure, @Nullable SecurityInfo peer,
			@Nullable Object remote) {
		// the client reports failures to the caller of open(), not to a log
		if (failure instanceof HandshakeErrorException || this.handshake == null) {
			// the server aborted, or the client never sent a token: nothing to answer
			return null;
		}
		return HandshakeMessage.error(HandshakeErrorPayload.SEC_E_LOGON_DENIED);
	}

	@Override
	public void handshakeEnded() {
		// the cached first message (with the initial token, a Kerberos AP-REQ of several hundred bytes) is not sent
		// again
		this.first = Mono.empty();
	}

	@Override
	public synchronized void close() {
		this.closed = true;
		MechanismContext current = this.context;
		this.context = null;
		this.handshake = null;
		if (current != null) {
			current.close();
		}
	}

}
