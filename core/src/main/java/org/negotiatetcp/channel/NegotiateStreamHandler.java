package org.negotiatetcp.channel;

import java.util.Optional;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.NettyPipeline;

import org.negotiatetcp.security.SecurityInfo;
import org.negotiatetcp.stream.HandshakeMessage;

/**
 * The [MS-NNS] NegotiateStream layer of a connection, in the manner of Netty's {@code SslHandler}: runs the handshake
 * through a {@link NegotiateStreamRole}, fires a {@link HandshakeCompletionEvent} carrying the peer's
 * {@code SecurityInfo} when it ends, and from then on unwraps received data frames into plaintext buffers and wraps
 * written buffers into data frames. Until a handshake starts (and again after {@link #endProtection()}) the stream is
 * clear and bytes pass through unchanged: {@code net.tcp} exchanges its [MC-NMF] preamble in clear before the
 * {@code application/negotiate} upgrade and again before each new session on the same connection.
 * <p>
 * The handlers after this one see {@code channelActive} as usual; the server's {@link ActivationHandler} holds it back
 * from Reactor Netty until the first handshake completed, as Reactor Netty's {@code SslReadHandler} does for TLS.
 * Confined to the channel's event loop.
 * <p>
 * The received bytes wait in a {@link ReceiveBuffer}; once protected, {@link DataFrames} wraps and unwraps them. Longer
 * than the other handlers (about 250 lines of code) for the reason {@code SslHandler} is: the handshake, the pause
 * while the role authorizes, and the switch between clear and protected bytes in the middle of a received buffer share
 * one byte stream and one security context, so they form one state machine.
 */
final class NegotiateStreamHandler extends ChannelDuplexHandler {

	/** Name of this handler in the Netty pipeline. */
	static final String NAME = NettyPipeline.LEFT + "negotiateStream";

	private enum State {

		CLEAR, HANDSHAKE, AUTHORIZING, PROTECTED, FAILED

	}

	private final int maxTokenSize;

	private State state = State.CLEAR;

	private @Nullable ChannelHandlerContext ctx;

	private @Nullable NegotiateStreamRole role;

	private @Nullable DataFrames frames;

	private final ReceiveBuffer received = new ReceiveBuffer();

	private boolean reading;

	private boolean waiting;

	/**
	 * Create the handler of one connection.
	 * @param maxTokenSize the largest handshake token accepted from the peer
	 */
	NegotiateStreamHandler(int maxTokenSize) {
		this.maxTokenSize = maxTokenSize;
	}

	@Override
	public void handlerAdded(ChannelHandlerContext ctx) {
		this.ctx = ctx;
	}

	/**
	 * Start a handshake (event loop).
	 * @param role this side's part
	 * @param alreadyReceived bytes of the handshake that arrived before it started, or {@code null}; ownership passes
	 * to this handler
	 */
	void startHandshake(NegotiateStreamRole role, @Nullable ByteBuf alreadyReceived) {
		ChannelHandlerContext c = ctx();
		this.role = role;
		this.state = State.HANDSHAKE;
		this.waiting = true;
		if (alreadyReceived != null) {
			this.received.add(c.alloc(), alreadyReceived);
		}
		Mono<Optional<HandshakeMessage>> first = role.start().map(Optional::of).defaultIfEmpty(Optional.empty());
		first.subscribe((message) -> c.executor().execute(() -> {
			if (this.role == role && this.state == State.HANDSHAKE) {
				message.ifPresent(this::writeHandshake);
				this.waiting = false;
				readReceived();
			}
		}), (error) -> c.executor().execute(() -> {
			if (this.role == role) {
				fail(error);
			}
		}));
	}

	/**
	 * The session carried by the protected stream ended ([MC-NMF] End/End): release the context and pass the bytes
	 * that follow through in clear (event loop).
	 */
	void endProtection() {
		releaseRole();
		this.frames = null;
		this.state = State.CLEAR;
	}

	/**
	 * Whether received bytes wait in this handler (a frame or handshake message not complete yet).
	 * @return {@code true} if bytes are buffered
	 */
	boolean hasReceivedBytes() {
		return this.received.readable() != null;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (!(msg instanceof ByteBuf buffer)) {
			ctx.fireChannelRead(msg);
			return;
		}
		if (this.state == State.FAILED) {
			buffer.release();
			return;
		}
		this.received.add(ctx.alloc(), buffer);
		readReceived();
	}

	/**
	 * Consume what has been received, unit by unit, in the current state. Re-entrant calls (a handler after this one
	 * starts a handshake while it handles the clear bytes passed to it) add to the loop that is running.
	 */
	private void readReceived() {
		if (this.reading) {
			return;
		}
		this.reading = true;
		try {
			ByteBuf in;
			while (!this.waiting && (in = this.received.readable()) != null && readOne(in)) {
				// keep going while complete units are available
			}
		}
		catch (RuntimeException ex) {
			fail(ex);
		}
		finally {
			this.reading = false;
			this.received.compact(ctx().alloc());
		}
	}

	private boolean readOne(ByteBuf in) {
		ChannelHandlerContext c = ctx();
		switch (this.state) {
			case CLEAR -> {
				c.fireChannelRead(this.received.take());
				return true;
			}
			case HANDSHAKE -> {
				HandshakeMessage message = HandshakeMessage.decode(in, this.maxTokenSize);
				if (message != null) {
					onHandshakeMessage(message);
				}
				return message != null;
			}
			case PROTECTED -> {
				ByteBuf data = requireFrames().unwrap(c, in);
				if (data != null && data.isReadable()) {
					c.fireChannelRead(data);
				}
				return data != null;
			}
			case FAILED -> {
				in.skipBytes(in.readableBytes());
				return false;
			}
			default -> {
				// the role is deciding: what arrives meanwhile waits
				return false;
			}
		}
	}

	private void onHandshakeMessage(HandshakeMessage message) {
		NegotiateStreamRole current = requireRole();
		HandshakeMessage reply = current.onMessage(message);
		if (!current.isComplete()) {
			if (reply != null) {
				writeHandshake(reply);
			}
			return;
		}
		SecurityInfo info = current.securityInfo();
		this.state = State.AUTHORIZING;
		ChannelHandlerContext c = ctx();
		Object[] attachment = new Object[1];
		current.authorize(info)
			.subscribe((value) -> attachment[0] = value,
					(error) -> c.executor().execute(() -> refuse(current, info, error)),
					() -> c.executor().execute(() -> protect(current, info, reply, attachment[0])));
	}

	private void protect(NegotiateStreamRole accepted, SecurityInfo info, @Nullable HandshakeMessage reply,
			@Nullable Object attachment) {
		if (this.role != accepted || this.state != State.AUTHORIZING) {
			return;
		}
		if (reply != null) {
			writeHandshake(reply);
		}
		this.frames = new DataFrames(accepted.context(), info.protectionLevel());
		this.state = State.PROTECTED;
		accepted.handshakeEnded();
		ctx().fireUserEventTriggered(HandshakeCompletionEvent.success(info, attachment));
		readReceived();
	}

	private void refuse(NegotiateStreamRole refused, SecurityInfo info, Throwable error) {
		if (this.role == refused && this.state == State.AUTHORIZING) {
			fail(info, error);
		}
	}

	private void fail(Throwable failure) {
		fail(null, failure);
	}

	/**
	 * Fail the stream: answer a failed handshake with a HandshakeError where [MS-NNS] allows, tell the handlers after
	 * this one, and close once the answer is written.
	 */
	private void fail(@Nullable SecurityInfo info, Throwable failure) {
		State was = this.state;
		if (was == State.FAILED) {
			return;
		}
		this.state = State.FAILED;
		ChannelHandlerContext c = ctx();
		NegotiateStreamRole current = this.role;
		if (was == State.HANDSHAKE || was == State.AUTHORIZING) {
			HandshakeMessage error = (current != null) ? current.errorFor(failure, info, c.channel().remoteAddress())
					: null;
			if (error != null) {
				writeHandshake(error);
			}
			c.fireUserEventTriggered(HandshakeCompletionEvent.failure(info, failure));
		}
		else {
			c.fireExceptionCaught(failure);
		}
		c.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		if (this.state != State.PROTECTED || !(msg instanceof ByteBuf plain)) {
			ctx.write(msg, promise);
			return;
		}
		try {
			requireFrames().wrap(ctx, plain, promise);
		}
		catch (RuntimeException ex) {
			promise.tryFailure(ex);
			fail(ex);
		}
		finally {
			ReferenceCountUtil.release(plain);
		}
	}

	private void writeHandshake(HandshakeMessage message) {
		ChannelHandlerContext c = ctx();
		ByteBuf out = c.alloc().buffer(HandshakeMessage.HEADER_SIZE + message.payload().length);
		message.encode(out);
		c.writeAndFlush(out);
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		release();
		super.channelInactive(ctx);
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext ctx) {
		release();
	}

	private void release() {
		this.state = State.FAILED;
		this.frames = null;
		releaseRole();
		this.received.release();
	}

	private void releaseRole() {
		NegotiateStreamRole current = this.role;
		this.role = null;
		this.waiting = false;
		if (current != null) {
			current.close();
		}
	}

	private ChannelHandlerContext ctx() {
		ChannelHandlerContext c = this.ctx;
		if (c == null) {
			throw new IllegalStateException("handler not added");
		}
		return c;
	}

	private NegotiateStreamRole requireRole() {
		NegotiateStreamRole current = this.role;
		if (current == null) {
			throw new IllegalStateException("no handshake in progress");
		}
		return current;
	}

	private DataFrames requireFrames() {
		DataFrames codec = this.frames;
		if (codec == null) {
			throw new IllegalStateException("the stream is not protected");
		}
		return codec;
	}

}
