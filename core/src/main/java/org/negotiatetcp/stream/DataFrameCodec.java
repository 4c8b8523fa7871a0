package org.negotiatetcp.stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import org.jspecify.annotations.Nullable;

import org.negotiatetcp.FailureReason;
import org.negotiatetcp.mechanism.MechanismContext;

/**
 * [MS-NNS] data messages (2.2.2) over an established context: a little-endian 32-bit PayloadSize followed by one
 * protected chunk. The writer chunks plaintext at {@value #MAX_WRITE_CHUNK} bytes as .NET does; the reader accepts
 * payloads of 5 to {@value #MAX_READ_PAYLOAD} bytes as .NET does. With protection level None the stream is not
 * framed at all.
 */
public final class DataFrameCodec {

	/** Largest plaintext chunk per frame (63 KiB, .NET's {@code MaxWriteDataSize}). */
	public static final int MAX_WRITE_CHUNK = 0xFC00;

	/** Largest frame payload accepted (.NET's {@code MaxReadFrameSize}). */
	public static final int MAX_READ_PAYLOAD = 64 * 1024;

	private static final int HEADER_SIZE = 4;

	private final MechanismContext context;

	private final boolean framed;

	private final boolean confidential;

	/**
	 * Create the codec.
	 * @param context the established context
	 * @param framed whether data is framed and protected (false for protection level None)
	 * @param confidential whether frames are encrypted (true) or only signed
	 */
	public DataFrameCodec(MechanismContext context, boolean framed, boolean confidential) {
		this.context = context;
		this.framed = framed;
		this.confidential = confidential;
	}

	/**
	 * Protect the next chunk of plaintext (up to {@value #MAX_WRITE_CHUNK} bytes) into one frame; call again while the
	 * plaintext is readable. The frame is one buffer from the allocator (header and token together), so it goes to
	 * the socket as one write without being copied again. Runs on the channel's event loop so sequence numbers stay
	 * in order.
	 * @param plaintext the bytes to send; the reader index moves past the chunk, the buffer is not released
	 * @param alloc the allocator
	 * @return the frame, owned by the caller; without framing, the rest of the plaintext (a retained slice)
	 */
	public ByteBuf encodeFrame(ByteBuf plaintext, ByteBufAllocator alloc) {
		if (!this.framed) {
			return plaintext.readRetainedSlice(plaintext.readableBytes());
		}
		int chunk = Math.min(MAX_WRITE_CHUNK, plaintext.readableBytes());
		// the context leaves room for the header before the token: header and token are one buffer from the start
		ByteBuf frame = this.context.wrap(plaintext, chunk, this.confidential, alloc, HEADER_SIZE);
		int tokenLength = frame.writerIndex() - HEADER_SIZE;
		frame.setIntLE(0, tokenLength);
		return frame;
	}

	/**
	 * Read and verify one frame if it is complete.
	 * @param in the received bytes; the reader index moves past the frame only if it is complete
	 * @param alloc where the plaintext's buffer comes from
	 * @return the frame's plaintext, owned by the caller (possibly empty), or {@code null} if more bytes are needed
	 * @throws NnsProtocolException for a frame size outside 5..65536
	 * @throws org.negotiatetcp.mechanism.MechanismException if a frame is tampered, replayed or out of order
	 */
	public @Nullable ByteBuf decode(ByteBuf in, ByteBufAllocator alloc) {
		if (!this.framed) {
			if (!in.isReadable()) {
				return null;
			}
			return in.readRetainedSlice(in.readableBytes());
		}
		if (in.readableBytes() < HEADER_SIZE) {
			return null;
		}
		long size = in.getUnsignedIntLE(in.readerIndex());
		if (size <= HEADER_SIZE || size > MAX_READ_PAYLOAD) {
			throw new NnsProtocolException(FailureReason.PROTOCOL, "NNS data frame declares " + size
					+ " bytes; a frame carries 5 to " + MAX_READ_PAYLOAD + " bytes");
		}
		if (in.readableBytes() < HEADER_SIZE + size) {
			return null;
		}
		in.skipBytes(HEADER_SIZE);
		return this.context.unwrap(in, (int) size, alloc);
	}

	/**
	 * Whether data is framed and protected.
	 * @return {@code false} for protection level None
	 */
	public boolean isFramed() {
		return this.framed;
	}

}
