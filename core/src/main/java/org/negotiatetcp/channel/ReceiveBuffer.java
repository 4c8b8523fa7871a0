package org.negotiatetcp.channel;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.jspecify.annotations.Nullable;

/**
 * The bytes a {@link NegotiateStreamHandler} received and has not consumed yet: a handshake message or data frame that
 * is not complete, or what follows a unit that was. Confined to the channel's event loop.
 */
final class ReceiveBuffer {

	/** How many consumed bytes the buffer may keep before they are dropped. */
	private static final int COMPACT_THRESHOLD = 64 * 1024;

	private @Nullable ByteBuf received;

	/**
	 * Add received bytes.
	 * @param alloc the allocator
	 * @param buffer the bytes; ownership passes to this buffer
	 */
	void add(ByteBufAllocator alloc, ByteBuf buffer) {
		ByteBuf current = this.received;
		this.received = (current == null) ? buffer
				: ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(alloc, current, buffer);
	}

	/**
	 * Return the received bytes if some are not consumed.
	 * @return the buffer, or {@code null} when nothing waits
	 */
	@Nullable ByteBuf readable() {
		ByteBuf in = this.received;
		return (in != null && in.isReadable()) ? in : null;
	}

	/**
	 * Take all received bytes out of this buffer.
	 * @return the bytes, owned by the caller from now on, or {@code null}
	 */
	@Nullable ByteBuf take() {
		ByteBuf in = this.received;
		this.received = null;
		return in;
	}

	/**
	 * Release what has been read: the whole buffer once it is consumed, else, once enough was read, the consumed front
	 * (by copying the rest, as the buffer may be a slice of another handler's), so a long stream whose reads never end
	 * on a unit boundary does not grow it.
	 * @param alloc the allocator
	 */
	void compact(ByteBufAllocator alloc) {
		ByteBuf in = this.received;
		if (in == null) {
			return;
		}
		if (!in.isReadable()) {
			this.received = null;
			in.release();
		}
		else if (in.readerIndex() >= COMPACT_THRESHOLD) {
			this.received = alloc.buffer(in.readableBytes()).writeBytes(in);
			in.release();
		}
	}

	/**
	 * Release everything.
	 */
	void release() {
		ByteBuf in = take();
		if (in != null) {
			in.release();
		}
	}

}
