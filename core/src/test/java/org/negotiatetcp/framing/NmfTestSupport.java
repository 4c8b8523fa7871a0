package org.negotiatetcp.framing;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCountUtil;

/**
 * Helpers shared by the framing tests.
 */
final class NmfTestSupport {

	private NmfTestSupport() {
	}

	/**
	 * Parse hex digits, ignoring spaces.
	 */
	static byte[] hex(String digits) {
		return HexFormat.of().parseHex(digits.replace(" ", ""));
	}

	/**
	 * Return the wire bytes of {@code record}.
	 */
	static byte[] encode(NmfRecord record) {
		ByteBuf out = Unpooled.buffer();
		try {
			record.encode(out);
			return ByteBufUtil.getBytes(out);
		}
		finally {
			out.release();
		}
	}

	/**
	 * Return the wire bytes of {@code records}, in order.
	 */
	static byte[] encodeAll(List<? extends NmfRecord> records) {
		ByteBuf out = Unpooled.buffer();
		try {
			records.forEach((record) -> record.encode(out));
			return ByteBufUtil.getBytes(out);
		}
		finally {
			out.release();
		}
	}

	/**
	 * Decode every record of {@code bytes} given at once; fail if bytes remain.
	 */
	static List<NmfRecord> decodeAll(NmfRecordDecoder decoder, byte[] bytes) {
		ByteBuf in = Unpooled.wrappedBuffer(bytes);
		try {
			List<NmfRecord> records = new ArrayList<>();
			NmfRecord record;
			while ((record = decoder.decode(in)) != null) {
				records.add(record);
			}
			if (in.isReadable()) {
				throw new AssertionError(in.readableBytes() + " bytes left undecoded");
			}
			return records;
		}
		finally {
			in.release();
		}
	}

	/**
	 * Decode {@code bytes} fed one byte at a time into a cumulation buffer, as a Netty decoder would see them.
	 */
	static List<NmfRecord> decodeByteByByte(NmfRecordDecoder decoder, byte[] bytes) {
		ByteBuf cumulation = Unpooled.buffer();
		try {
			List<NmfRecord> records = new ArrayList<>();
			for (byte b : bytes) {
				cumulation.writeByte(b);
				NmfRecord record;
				while ((record = decoder.decode(cumulation)) != null) {
					records.add(record);
				}
				if (cumulation.refCnt() == 1) {
					// like Netty's ByteToMessageDecoder: never move bytes that retained slices still share
					cumulation.discardReadBytes();
				}
			}
			if (cumulation.isReadable()) {
				throw new AssertionError(cumulation.readableBytes() + " bytes left undecoded");
			}
			return records;
		}
		finally {
			cumulation.release();
		}
	}

	/**
	 * Release every reference-counted record.
	 */
	static void releaseAll(List<? extends NmfRecord> records) {
		records.forEach(ReferenceCountUtil::release);
	}

}
