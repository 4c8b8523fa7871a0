package org.negotiatetcp.channel;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import reactor.netty.NettyPipeline;

import org.negotiatetcp.ChannelMode;
import org.negotiatetcp.ChannelSide;
import org.negotiatetcp.metrics.NegotiateMetricsRecorder;
import org.negotiatetcp.observation.NegotiateObservability;

/**
 * Composes the handlers of each server connection, in front of Reactor Netty's bridge:
 * <ol>
 * <li>{@link ByteCountingHandler} (with a metrics recorder): bytes on the wire;</li>
 * <li>{@link AdmissionHandler} (shared): draining and {@code max-pending-handshakes}; it leaves the pipeline once
 * it admitted the connection;</li>
 * <li>{@link ReceiveTimeoutHandler}: reader idleness, as a {@link ReceiveTimeoutHandler.ReceiveTimeout};</li>
 * <li>{@link NegotiateStreamHandler}: the [MS-NNS] handshake and data frames;</li>
 * <li>{@link NmfServerHandler} ({@code net.tcp} mode): [MC-NMF] preamble, envelopes and End/End;</li>
 * <li>{@link InitializationTimeoutHandler}: the deadline until a session opens;</li>
 * <li>{@link ServerSessionHandler}: the session and the application's handler;</li>
 * <li>{@link ActivationHandler}: {@code channelActive} for Reactor Netty once authenticated.</li>
 * </ol>
 */
final class ServerPipeline {

	private final ServerSettings settings;

	private final ServerContext context;

	private final NegotiateChannelHandler handler;

	private final NegotiateObservability observability;

	private final AdmissionHandler admission;

	ServerPipeline(ServerSettings settings, ServerContext context, NegotiateChannelHandler handler,
			NegotiateObservability observability) {
		this.settings = settings;
		this.context = context;
		this.handler = handler;
		this.observability = observability;
		this.admission = new AdmissionHandler(context, settings);
	}

	/**
	 * Add the handlers of a new connection.
	 * @param channel the connection, not active yet
	 */
	void install(Channel channel) {
		ChannelLimits limits = this.settings.limits();
		ChannelObservations observations = ChannelObservations.of(this.observability, ChannelSide.SERVER,
				this.settings.mode(), null, null);
		if (observations != ChannelObservations.NONE) {
			channel.attr(AdmissionHandler.OBSERVATIONS).set(observations);
		}
		NegotiateStreamHandler stream = new NegotiateStreamHandler(limits.maxHandshakeTokenSize());
		NmfServerHandler nmf = (this.settings.mode() == ChannelMode.NET_TCP)
				? new NmfServerHandler(this.settings, this.context, stream, observations) : null;
		ChannelPipeline pipeline = channel.pipeline();
		String next = NettyPipeline.ReactiveBridge;
		if (this.observability.metricsRecorder() != NegotiateMetricsRecorder.NONE) {
			pipeline.addBefore(next, ByteCountingHandler.NAME,
					new ByteCountingHandler(this.observability.metricsRecorder(), ChannelSide.SERVER));
		}
		pipeline.addBefore(next, AdmissionHandler.NAME, this.admission)
			.addBefore(next, ReceiveTimeoutHandler.NAME, new ReceiveTimeoutHandler(limits.receiveTimeout()))
			.addBefore(next, NegotiateStreamHandler.NAME, stream);
		if (nmf != null) {
			pipeline.addBefore(next, NmfServerHandler.NAME, nmf);
		}
		pipeline
			.addBefore(next, InitializationTimeoutHandler.NAME,
					new InitializationTimeoutHandler(limits.initializationTimeout(), nmf != null,
							(millis) -> "Channel initialization did not complete within " + millis + " ms"))
			.addBefore(next, NegotiateServer.HANDLER_NAME,
					new ServerSessionHandler(this.settings, this.context, this.handler, stream, nmf, observations))
			.addBefore(next, ActivationHandler.NAME, new ActivationHandler());
	}

}
