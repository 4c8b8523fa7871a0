package org.negotiatetcp.channel;

import java.net.SocketAddress;

import io.micrometer.observation.Observation;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import org.jspecify.annotations.Nullable;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;
import org.negotiatetcp.metrics.NegotiateMetricsRecorder;
import org.negotiatetcp.ChannelSide;
import org.negotiatetcp.observation.DefaultHandshakeObservationConvention;
import org.negotiatetcp.observation.DefaultMessageObservationConvention;
import org.negotiatetcp.observation.HandshakeObservationContext;
import org.negotiatetcp.observation.MessageDirection;
import org.negotiatetcp.observation.MessageObservationContext;
import org.negotiatetcp.observation.NegotiateObservability;
import org.negotiatetcp.observation.NegotiateObservationContext;
import org.negotiatetcp.observation.NegotiateObservationDocumentation;
import org.negotiatetcp.observation.Outcomes;
import org.negotiatetcp.security.SecurityInfo;
import org.negotiatetcp.ChannelMode;

/**
 * The observations and meters of one connection, the one place its handlers report to: the handshake observation of
 * the current session, message observations, and the recorder's counters. Confined to the channel's event loop; with
 * {@link NegotiateObservability#NONE} every method returns at once.
 * <p>
 * A little over 250 lines: one short method per event the handlers report (handshake started, succeeded, failed;
 * message sent, received; bytes), kept together so every tag name is set in one place.
 */
final class ChannelObservations {

	/** Observes nothing. */
	static final ChannelObservations NONE = new ChannelObservations(NegotiateObservability.NONE, ChannelSide.SERVER,
			ChannelMode.RAW, null, null);

	private final NegotiateObservability observability;

	private final boolean enabled;

	private final boolean observing;

	private final NegotiateMetricsRecorder metrics;

	private final ChannelSide side;

	private final ChannelMode mode;

	private final @Nullable String via;

	private final @Nullable Observation parent;

	private @Nullable String endpoint;

	private @Nullable HandshakeObservationContext handshakeContext;

	private @Nullable Observation handshake;

	/**
	 * Return the observer of one connection: {@link #NONE}, shared and without state, when nothing listens.
	 * @param observability where to report
	 * @param side the side
	 * @param mode the wire form
	 * @param via on a client, the address it opens; on a server {@code null} (known once the session opens)
	 * @param parent the parent observation (the caller's, on a client), or {@code null}
	 * @return the observer
	 */
	static ChannelObservations of(NegotiateObservability observability, ChannelSide side, ChannelMode mode,
			@Nullable String via, @Nullable Observation parent) {
		return observability.isEnabled() ? new ChannelObservations(observability, side, mode, via, parent) : NONE;
	}

	/**
	 * Create the observer of one connection.
	 * @param observability where to report
	 * @param side the side
	 * @param mode the wire form
	 * @param via on a client, the address it opens; on a server {@code null} (known once the session opens)
	 * @param parent the parent observation (the caller's, on a client), or {@code null}
	 */
	ChannelObservations(NegotiateObservability observability, ChannelSide side, ChannelMode mode, @Nullable String via,
			@Nullable Observation parent) {
		this.observability = observability;
		this.enabled = observability.isEnabled();
		this.observing = !observability.observationRegistry().isNoop();
		this.metrics = observability.metricsRecorder();
		this.side = side;
		this.mode = mode;
		this.via = via;
		this.parent = parent;
	}

	/**
	 * Name the endpoint a client opens, for the endpoint tag of its observations and meters.
	 * @param endpoint the endpoint's name, or {@code null} for none
	 */
	void endpoint(@Nullable String endpoint) {
		if (this.enabled) {
			this.endpoint = endpoint;
		}
	}

	/**
	 * A handshake starts: at channel active, or when the first bytes of the next session arrive on a reused
	 * {@code net.tcp} connection. Does nothing while a handshake runs.
	 * @param ctx the connection
	 */
	void handshakeStarted(ChannelHandlerContext ctx) {
		startHandshake(ctx.channel().remoteAddress());
	}

	/**
	 * The client could not even connect: a handshake observation and a failure count record it all the same.
	 * @param remote the address it tried
	 * @param failure why
	 */
	void connectFailed(@Nullable SocketAddress remote, Throwable failure) {
		startHandshake(remote);
		handshakeFailed(failure);
	}

	private void startHandshake(@Nullable SocketAddress remote) {
		if (!this.enabled || this.handshakeContext != null) {
			return;
		}
		HandshakeObservationContext context = new HandshakeObservationContext(this.side, this.mode);
		context.setRemoteAddress(remote);
		context.setVia(this.via);
		context.setEndpoint(this.endpoint);
		this.handshakeContext = context;
		Observation observation = NegotiateObservationDocumentation.HANDSHAKE.observation(
				this.observability.handshakeConvention(), DefaultHandshakeObservationConvention.INSTANCE,
				() -> context, this.observability.observationRegistry());
		if (this.parent != null) {
			observation.parentObservation(this.parent);
		}
		this.handshake = observation.start();
	}

	/**
	 * The peer is authenticated; policies and the authorizer have not decided yet.
	 * @param info the security information
	 */
	void authenticated(SecurityInfo info) {
		HandshakeObservationContext context = this.handshakeContext;
		if (context != null) {
			context.setSecurityInfo(info);
		}
	}

	/**
	 * The handshake succeeded and the session is open.
	 * @param session the session
	 */
	void sessionOpened(ChannelSession session) {
		if (!this.enabled) {
			return;
		}
		HandshakeObservationContext context = this.handshakeContext;
		Observation observation = this.handshake;
		this.handshakeContext = null;
		this.handshake = null;
		this.metrics.channelOpened(this.side);
		session.onClose().subscribe(null, null, () -> this.metrics.channelClosed(this.side));
		if (context != null && observation != null) {
			context.setSecurityInfo(session.securityInfo());
			if (session.via() != null) {
				context.setVia(session.via());
			}
			context.setOutcome(Outcomes.SUCCESS);
			observation.stop();
		}
	}

	/**
	 * The handshake failed (ignored when no handshake is running, for example for a failure of an open session).
	 * @param failure why
	 */
	void handshakeFailed(Throwable failure) {
		HandshakeObservationContext context = this.handshakeContext;
		Observation observation = this.handshake;
		this.handshakeContext = null;
		this.handshake = null;
		if (context == null || observation == null) {
			return;
		}
		String outcome = Outcomes.of(failure);
		this.metrics.handshakeFailed(this.side, outcome, this.endpoint);
		context.setOutcome(outcome);
		observation.error(failure);
		observation.stop();
	}

	/**
	 * The connection closed: a running handshake failed with {@link FailureReason#CONNECTION}.
	 */
	void connectionClosed() {
		if (this.handshake != null) {
			handshakeFailed(new NegotiateException(FailureReason.CONNECTION,
					"The connection closed during channel initialization"));
		}
	}

	/**
	 * A message was received and queued for the application.
	 * @param session the session
	 * @param size its size in bytes
	 */
	void messageReceived(ChannelSession session, int size) {
		if (!this.enabled) {
			return;
		}
		this.metrics.messageReceived(this.side, size);
		if (this.observing) {
			Observation observation = messageObservation(session, MessageDirection.RECEIVED, size).start();
			((NegotiateObservationContext) observation.getContext()).setOutcome(Outcomes.SUCCESS);
			observation.stop();
		}
	}

	/**
	 * A message is being written; observed until the write completes.
	 * @param session the session
	 * @param size its size in bytes
	 * @param promise completed when written
	 */
	void messageSent(@Nullable ChannelSession session, int size, ChannelPromise promise) {
		if (!this.enabled || session == null) {
			return;
		}
		Observation observation = this.observing
				? messageObservation(session, MessageDirection.SENT, size).start() : Observation.NOOP;
		promise.addListener((future) -> {
			if (future.isSuccess()) {
				this.metrics.messageSent(this.side, size);
				setOutcome(observation, Outcomes.SUCCESS);
			}
			else {
				setOutcome(observation, Outcomes.of(future.cause()));
				observation.error(future.cause());
			}
			observation.stop();
		});
	}

	private static void setOutcome(Observation observation, String outcome) {
		if (observation.getContext() instanceof NegotiateObservationContext context) {
			context.setOutcome(outcome);
		}
	}

	private Observation messageObservation(ChannelSession session, MessageDirection direction, int size) {
		MessageObservationContext context = new MessageObservationContext(this.side, this.mode, direction, size);
		context.setSecurityInfo(session.securityInfo());
		context.setRemoteAddress(session.remoteAddress());
		context.setVia((session.via() != null) ? session.via() : this.via);
		context.setEndpoint(this.endpoint);
		return NegotiateObservationDocumentation.MESSAGE.observation(this.observability.messageConvention(),
				DefaultMessageObservationConvention.INSTANCE, () -> context, this.observability.observationRegistry());
	}

}
