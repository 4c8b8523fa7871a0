package org.negotiatetcp.channel;

import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.MonoSink;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.NegotiateException;

/**
 * One message a {@link ChannelSession} sends: moves to the channel's event loop, hands the message to the session's
 * transport, and completes the sender's {@code Mono} when it is written. One object per message, in place of a
 * lambda for each of those steps.
 */
final class PendingSend implements Consumer<MonoSink<Void>>, Runnable, ChannelFutureListener {

	private final ChannelSession session;

	private final Channel channel;

	private final SessionTransport transport;

	private final ByteBuf message;

	private @Nullable MonoSink<Void> result;

	/**
	 * Prepare a send.
	 * @param session the session sending
	 * @param channel its connection
	 * @param transport its transport
	 * @param message the message; ownership passes to this send
	 */
	PendingSend(ChannelSession session, Channel channel, SessionTransport transport, ByteBuf message) {
		this.session = session;
		this.channel = channel;
		this.transport = transport;
		this.message = message;
	}

	@Override
	public void accept(MonoSink<Void> sink) {
		this.result = sink;
		this.channel.eventLoop().execute(this);
	}

	@Override
	public void run() {
		if (!this.session.isOpen()) {
			ReferenceCountUtil.release(this.message);
			sink().error(new NegotiateException(FailureReason.CONNECTION, "The channel is closed; cannot send"));
			return;
		}
		ChannelPromise promise = this.channel.newPromise();
		promise.addListener(this);
		this.transport.writeMessage(this.message, promise);
	}

	@Override
	public void operationComplete(ChannelFuture future) {
		if (future.isSuccess()) {
			sink().success();
		}
		else {
			sink().error(future.cause());
		}
	}

	private MonoSink<Void> sink() {
		MonoSink<Void> sink = this.result;
		if (sink == null) {
			throw new IllegalStateException("not subscribed");
		}
		return sink;
	}

}
