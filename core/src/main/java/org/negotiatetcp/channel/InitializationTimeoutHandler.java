package org.negotiatetcp.channel;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import reactor.netty.NettyPipeline;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;

/**
 * The deadline of channel initialization ({@link ChannelLimits#initializationTimeout()}): from the start of a
 * session's establishment (the connection becoming active, or, on a reused {@code net.tcp} connection, the end of the
 * previous session) until the session opens, which is when the [MS-NNS] handshake completes in raw mode and when the
 * [MC-NMF] preamble is acknowledged in {@code net.tcp} mode. When it passes, the session handler after this one gets a
 * {@link FailureReason#TIMEOUT} {@link NegotiateException} through {@code exceptionCaught}.
 */
final class InitializationTimeoutHandler extends ChannelInboundHandlerAdapter {

	/** Name of this handler in the Netty pipeline. */
	static final String NAME = NettyPipeline.LEFT + "negotiateInitializationTimeout";

	private final long timeoutMillis;

	private final boolean netTcp;

	private final LongFunction<String> message;

	private @Nullable ScheduledFuture<?> timer;

	/**
	 * Create the deadline of one connection.
	 * @param timeout the initialization timeout
	 * @param netTcp whether sessions open with the [MC-NMF] preamble's acknowledgement (else with the handshake)
	 * @param message the failure message for a timeout in milliseconds
	 */
	InitializationTimeoutHandler(Duration timeout, boolean netTcp, LongFunction<String> message) {
		this.timeoutMillis = timeout.toMillis();
		this.netTcp = netTcp;
		this.message = message;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		if (ctx.channel().isActive()) {
			// added to a connection that is already open (a pooled connection being reused)
			start(ctx);
		}
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) throws Exception {
		start(ctx);
		super.channelActive(ctx);
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
		if (evt instanceof NmfSessionEvents.SessionStarted
				|| (!this.netTcp && evt instanceof HandshakeCompletionEvent completion && completion.isSuccess())) {
			cancel();
		}
		else if (evt == NmfSessionEvents.SessionEnd.ENDED) {
			start(ctx);
		}
		super.userEventTriggered(ctx, evt);
	}

	private void start(ChannelHandlerContext ctx) {
		cancel();
		this.timer = ctx.executor()
			.schedule(() -> ctx.fireExceptionCaught(
					new NegotiateException(FailureReason.TIMEOUT, this.message.apply(this.timeoutMillis))),
					this.timeoutMillis, TimeUnit.MILLISECONDS);
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		cancel();
		super.channelInactive(ctx);
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext ctx) {
		cancel();
	}

	private void cancel() {
		ScheduledFuture<?> current = this.timer;
		this.timer = null;
		if (current != null) {
			current.cancel(false);
		}
	}

}
