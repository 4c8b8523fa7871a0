package org.negotiatetcp.channel;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.negotiatetcp.mechanism.InitiatorSettings;
import org.negotiatetcp.mechanism.spnego.InitiatorFactory;

/**
 * The handlers of one client session, in pipeline order: the {@link NegotiateStreamHandler}, in {@code net.tcp} mode
 * the {@link NmfClientHandler}, the {@link InitializationTimeoutHandler} and the {@link ClientSessionHandler}. A new
 * connection gets them in front of Reactor Netty's bridge; a pooled connection gets fresh ones in place of its
 * {@link IdleConnectionHandler}.
 * @param stream the NegotiateStream handler
 * @param nmf the [MC-NMF] handler, or {@code null} in raw mode
 * @param timeout the open timeout
 * @param session the session handler
 */
record ClientHandlers(NegotiateStreamHandler stream, @Nullable NmfClientHandler nmf,
		InitializationTimeoutHandler timeout, ClientSessionHandler session) {

	/**
	 * Create the handlers of one session.
	 * @param settings the client settings captured when the channel opens
	 * @param initiator the initiator settings of this channel
	 * @param initiators creates initiator contexts
	 * @param via the address the channel opens
	 * @param netTcp whether it is a {@code net.tcp} session
	 * @param observations where the connection reports
	 * @param recycler where a cleanly ended connection goes, or {@code null}
	 * @return the handlers
	 */
	static ClientHandlers create(ClientSettings settings, InitiatorSettings initiator, InitiatorFactory initiators,
			String via, boolean netTcp, ChannelObservations observations, @Nullable ConnectionRecycler recycler) {
		NegotiateStreamHandler stream = new NegotiateStreamHandler(settings.limits().maxHandshakeTokenSize());
		ClientStreamRole role = new ClientStreamRole(initiator, initiators, settings.limits().maxHandshakeLegs());
		NmfClientHandler nmf = netTcp ? new NmfClientHandler(settings, via, stream, role) : null;
		ChannelLimits limits = settings.limits();
		InitializationTimeoutHandler timeout = new InitializationTimeoutHandler(limits.initializationTimeout(), netTcp,
				(millis) -> "Channel initialization with " + via + " did not complete within " + millis
						+ " ms (open timeout); is the server reachable and speaking "
						+ (netTcp ? "net.tcp" : "NegotiateStream") + "?");
		ClientSessionHandler session = new ClientSessionHandler(settings.limits(), via, stream, role, nmf, observations,
				recycler);
		return new ClientHandlers(stream, nmf, timeout, session);
	}

	/**
	 * Add the handlers before another one.
	 * @param pipeline the pipeline
	 * @param next the name of the handler they go before
	 */
	void addBefore(ChannelPipeline pipeline, String next) {
		pipeline.addBefore(next, NegotiateStreamHandler.NAME, this.stream);
		if (this.nmf != null) {
			pipeline.addBefore(next, NmfClientHandler.NAME, this.nmf);
		}
		pipeline.addBefore(next, InitializationTimeoutHandler.NAME, this.timeout);
		pipeline.addBefore(next, NegotiateChannelFactory.HANDLER_NAME, this.session);
	}

	/**
	 * Add the handlers after another one.
	 * @param pipeline the pipeline
	 * @param previous the name of the handler they follow
	 */
	void addAfter(ChannelPipeline pipeline, String previous) {
		pipeline.addAfter(previous, NegotiateStreamHandler.NAME, this.stream);
		String last = NegotiateStreamHandler.NAME;
		if (this.nmf != null) {
			pipeline.addAfter(last, NmfClientHandler.NAME, this.nmf);
			last = NmfClientHandler.NAME;
		}
		pipeline.addAfter(last, InitializationTimeoutHandler.NAME, this.timeout);
		pipeline.addAfter(InitializationTimeoutHandler.NAME, NegotiateChannelFactory.HANDLER_NAME, this.session);
	}

	/**
	 * Start a new session on an idle pooled connection: these handlers replace its idle handler and start as on a new
	 * connection (preamble and upgrade request, then the handshake).
	 * @param idle the pooled connection
	 * @return the channel once authenticated; a {@link StaleConnectionException} if the connection turned out closed
	 */
	Mono<NegotiateChannel> reuse(ClientConnectionPool.IdleConnection idle) {
		Channel channel = idle.channel();
		return Mono.<Void>fromRunnable(() -> channel.eventLoop().execute(() -> {
			try {
				addAfter(channel.pipeline(), IdleConnectionHandler.NAME);
				channel.pipeline().remove(idle.handler());
			}
			catch (RuntimeException ex) {
				// the connection closed meanwhile and its pipeline was torn down
				this.session.notStarted(new StaleConnectionException("The pooled connection to "
						+ channel.remoteAddress() + " closed before it could be reused", ex));
				return;
			}
			this.session.startReused();
		}))
			.then(this.session.established())
			.doOnCancel(channel::close)
			.doOnError((error) -> channel.close());
	}

	/**
	 * Remove the handlers of a session from a pipeline.
	 * @param pipeline the pipeline
	 */
	static void remove(ChannelPipeline pipeline) {
		pipeline.remove(NegotiateStreamHandler.NAME);
		if (pipeline.get(NmfClientHandler.NAME) != null) {
			pipeline.remove(NmfClientHandler.NAME);
		}
		pipeline.remove(InitializationTimeoutHandler.NAME);
		pipeline.remove(NegotiateChannelFactory.HANDLER_NAME);
	}

}
