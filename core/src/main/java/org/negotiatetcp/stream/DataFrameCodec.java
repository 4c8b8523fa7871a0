package org.negotiatetcp.stream;

import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

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
	 * Protect plaintext into frames. Runs on the channel's event loop so sequence numbers stay in order.
	 * @param plaintext the bytes to send; consumed (reader index moved to the end), not released
	 * @param alloc the allocator
	 * @param out receives each frame buffer
	 */
	public void encode(ByteBuf plaintext, ByteBufAllocator alloc, Consumer<ByteBuf> out) {
		if (!this.framed) {
			out.accept(plaintext.readRetainedSlice(plaintext.readableBytes()));
			return;
		}
		while (plaintext.isReadable()) {
			int chunk = Math.min(MAX_WRITE_CHUNK, plaintext.readableBytes());
			byte[] data;
			int offset;
			if (plaintext.hasArray()) {
				data = plaintext.array();
				offset = plaintext.arrayOffset() + plaintext.readerIndex();
			}
			else {
				data = ByteBufUtil.getBytes(plaintext, plaintext.readerIndex(), chunk, false);
				offset = 0;
			}
			byte[] token = this.context.wrap(data, offset, chunk, this.confidential);
			plaintext.skipBytes(chunk);
			ByteBuf header = alloc.buffer(HEADER_SIZE).writeIntLE(token.length);
			out.accept(Unpooled.wrappedBuffer(header, Unpooled.wrappedBuffer(token)));
		}
	}

	/**
	 * Read and verify one frame if it is complete.
	 * @param in the received bytes; the reader index moves past the frame only if it is complete
	 * @return the frame's plaintext, or {@code null} if more bytes are needed
	 * @throws NnsProtocolException for a frame size outside 5..65536
	 * @throws org.negotiatetcp.mechanism.MechanismException if a frame is tampered, replayed or out of order
	 */
	public byte @Nullable [] decode(ByteBuf in) {
		if (!this.framed) {
			if (!in.isReadable()) {
				return null;
			}
			byte[] data = ByteBufUtil.getBytes(in);
			in.skipBytes(data.length);
			return data;
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
		int length = (int) size;
		byte[] token;
		int offset;
		if (in.hasArray()) {
			token = in.array();
			offset = in.arrayOffset() + in.readerIndex();
		}
		else {
			token = ByteBufUtil.getBytes(in, in.readerIndex(), length, false);
			offset = 0;
		}
		in.skipBytes(length);
		return this.context.unwrap(token, offset, length);
	}

	/**
	 * Whether data is framed and protected.
	 * @return {@code false} for protection level None
	 */
	public boolean isFramed() {
		return this.framed;
	}

}
