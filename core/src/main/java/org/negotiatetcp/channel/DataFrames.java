package org.negotiatetcp.channel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import org.jspecify.annotations.Nullable;

import org.negotiatetcp.mechanism.MechanismContext;
import org.negotiatetcp.security.ProtectionLevel;
import org.negotiatetcp.stream.DataFrameCodec;

/**
 * The protected half of a {@link NegotiateStreamHandler}: wraps written buffers into [MS-NNS] data frames and unwraps
 * received frames into plaintext buffers, over the context its handshake established. Confined to the channel's event
 * loop, so sequence numbers stay in order.
 */
final class DataFrames {

	private final DataFrameCodec codec;

	/**
	 * Protect data over an established context.
	 * @param context the context
	 * @param protection the protection level agreed in the handshake
	 */
	DataFrames(MechanismContext context, ProtectionLevel protection) {
		this.codec = new DataFrameCodec(context, protection != ProtectionLevel.NONE,
				protection == ProtectionLevel.ENCRYPT_AND_SIGN);
	}

	/**
	 * Unwrap one frame if it is complete.
	 * @param ctx the stream handler's context (its allocator gives the plaintext's buffer)
	 * @param in the received bytes; the reader index moves past the frame only if it is complete
	 * @return the plaintext, owned by the caller ({@link Unpooled#EMPTY_BUFFER} for an empty frame), or
	 * {@code null} if more bytes are needed
	 */
	@Nullable ByteBuf unwrap(ChannelHandlerContext ctx, ByteBuf in) {
		ByteBuf data = this.codec.decode(in, ctx.alloc());
		if (data == null || data.isReadable()) {
			return data;
		}
		data.release();
		return Unpooled.EMPTY_BUFFER;
	}

	/**
	 * Wrap a written buffer into frames and write them, each frame one buffer; the promise completes with the last.
	 * @param ctx the stream handler's context
	 * @param plain the plaintext, not released
	 * @param promise the write's promise
	 */
	void wrap(ChannelHandlerContext ctx, ByteBuf plain, ChannelPromise promise) {
		if (!plain.isReadable()) {
			ctx.write(Unpooled.EMPTY_BUFFER, promise);
			return;
		}
		ByteBuf frame = this.codec.encodeFrame(plain, ctx.alloc());
		while (plain.isReadable()) {
			ctx.write(frame);
			frame = this.codec.encodeFrame(plain, ctx.alloc());
		}
		ctx.write(frame, promise);
	}

}
