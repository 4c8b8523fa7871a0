package org.negotiatetcp.framing;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.negotiatetcp.FailureReason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.negotiatetcp.framing.NmfTestSupport.decodeAll;
import static org.negotiatetcp.framing.NmfTestSupport.encode;
import static org.negotiatetcp.framing.NmfTestSupport.hex;
import static org.negotiatetcp.framing.NmfTestSupport.releaseAll;

class NmfRecordDecoderLimitsTests {

	@Test
	void acceptsAViaOfExactly2048Bytes() {
		ViaRecord via = new ViaRecord(via(2048));
		assertThat(decodeAll(new NmfRecordDecoder(), encode(via))).containsExactly(via);
	}

	@Test
	void refusesAViaOf2049BytesAsSoonAsItsLengthArrives() {
		assertLimitFailure(header(RecordType.VIA, 2049), FramingFault.VIA_TOO_LONG, "2049", "maxViaLength");
	}

	@Test
	void acceptsContentTypesAndUpgradeNamesOfExactly256Bytes() {
		List<NmfRecord> records = List.of(new ExtensibleEncodingRecord("x".repeat(256)),
				new UpgradeRequestRecord("y".repeat(256)));
		assertThat(decodeAll(new NmfRecordDecoder(), NmfTestSupport.encodeAll(records)))
			.containsExactlyElementsOf(records);
	}

	@Test
	void refusesContentTypesAndUpgradeNamesOf257Bytes() {
		assertLimitFailure(header(RecordType.EXTENSIBLE_ENCODING, 257), FramingFault.CONTENT_TYPE_TOO_LONG, "257",
				"maxContentTypeLength");
		assertLimitFailure(header(RecordType.UPGRADE_REQUEST, 257), FramingFault.CONTENT_TYPE_TOO_LONG, "257",
				"maxContentTypeLength");
	}

	@Test
	void boundsFaultStringsWithoutAFaultToSendBack() {
		FaultRecord longest = new FaultRecord("f".repeat(256));
		assertThat(decodeAll(new NmfRecordDecoder(), encode(longest))).containsExactly(longest);
		assertLimitFailure(header(RecordType.FAULT, 257), null, "257", "maxFaultLength");
	}

	@Test
	void honoursConfiguredLimits() {
		FramingLimits limits = new FramingLimits(10, 5, 4, 3);
		ByteBuf in = Unpooled.wrappedBuffer(header(RecordType.VIA, 11));
		try {
			assertThatExceptionOfType(FramingException.class).isThrownBy(() -> new NmfRecordDecoder(limits).decode(in))
				.withMessageContaining("at most 10");
		}
		finally {
			in.release();
		}
	}

	@Test
	void acceptsASizedEnvelopeOfExactlyTheMaximumSize() {
		byte[] wire = encode(new SizedEnvelopeRecord(Unpooled.wrappedBuffer(new byte[65536])));
		List<NmfRecord> decoded = decodeAll(new NmfRecordDecoder(), wire);
		try {
			assertThat(((EnvelopeRecord) decoded.get(0)).size()).isEqualTo(65536);
		}
		finally {
			releaseAll(decoded);
		}
	}

	@Test
	void refusesAnOversizedSizedEnvelopeBeforeItsPayloadArrives() {
		assertLimitFailure(header(RecordType.SIZED_ENVELOPE, 65537), FramingFault.MAX_MESSAGE_SIZE_EXCEEDED, "65537",
				"maxMessageSize");
	}

	@Test
	void refusesAnOversizedUnsizedEnvelopeBeforeTheChunkArrivesAndReleasesWhatItHeld() {
		TrackingAllocator allocator = new TrackingAllocator();
		NmfRecordDecoder decoder = new NmfRecordDecoder(FramingLimits.DEFAULTS.withMaxMessageSize(10));
		ByteBuf first = allocator.wrap(hex("05 06 010203040506"));
		ByteBuf second = allocator.wrap(hex("05"));
		try {
			assertThat(decoder.decode(first)).isNull();
			assertThat(decoder.isInsideUnsizedEnvelope()).isTrue();
			assertThatExceptionOfType(FramingException.class).isThrownBy(() -> decoder.decode(second))
				.satisfies((ex) -> assertThat(ex.faultToSend()).isEqualTo(FramingFault.MAX_MESSAGE_SIZE_EXCEEDED))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.LIMIT));
			assertThat(decoder.isInsideUnsizedEnvelope()).isFalse();
		}
		finally {
			first.release();
			second.release();
		}
		assertThat(allocator.allocations()).isEqualTo(3);
		assertThat(allocator.unreleased()).isEmpty();
	}

	@Test
	void acceptsAnUnsizedEnvelopeOfExactlyTheMaximumSize() {
		NmfRecordDecoder decoder = new NmfRecordDecoder(FramingLimits.DEFAULTS.withMaxMessageSize(10));
		List<NmfRecord> decoded = decodeAll(decoder, hex("05 06 010203040506 04 07080900 00"));
		try {
			assertThat(((EnvelopeRecord) decoded.get(0)).size()).isEqualTo(10);
		}
		finally {
			releaseAll(decoded);
		}
	}

	@Test
	void closeReleasesAPartiallyReceivedUnsizedEnvelope() {
		TrackingAllocator allocator = new TrackingAllocator();
		NmfRecordDecoder decoder = new NmfRecordDecoder();
		ByteBuf in = allocator.wrap(hex("05 10 0102"));
		try {
			assertThat(decoder.decode(in)).isNull();
			assertThat(in.isReadable()).isFalse();
			assertThat(allocator.unreleased()).hasSize(2);
		}
		finally {
			in.release();
		}
		decoder.close();
		assertThat(decoder.isInsideUnsizedEnvelope()).isFalse();
		assertThat(allocator.unreleased()).isEmpty();
	}

	@Test
	void refusesUnknownRecordTypesAsProtocolErrors() {
		assertProtocolFailure(hex("0D"), null, "0x0D");
		assertProtocolFailure(hex("FF"), null, "0xFF");
		assertProtocolFailure("HTTP/1.1".getBytes(), null, "HTTP");
	}

	@Test
	void refusesInvalidUtf8AsAProtocolError() {
		assertProtocolFailure(hex("02 02 C328"), null, "UTF-8");
		assertProtocolFailure(hex("08 03 EDA080"), null, "UTF-8");
		assertProtocolFailure(hex("04 01 80"), null, "UTF-8");
	}

	@Test
	void refusesUnknownModesAndEncodingsWithTheirFaults() {
		assertProtocolFailure(hex("01 05"), FramingFault.UNSUPPORTED_MODE, "0x05");
		assertProtocolFailure(hex("03 09"), FramingFault.CONTENT_TYPE_INVALID, "0x09");
	}

	@Test
	void refusesAMalformedLength() {
		assertProtocolFailure(hex("06 FFFFFFFF0F"), null, "multi-byte int31");
	}

	@Test
	void validatesLimits() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new FramingLimits(2048, 256, 256, 0))
			.withMessageContaining("maxMessageSize");
		assertThat(FramingLimits.DEFAULTS).isEqualTo(new FramingLimits(2048, 256, 256, 65536));
	}

	private static void assertLimitFailure(byte[] wire, @Nullable FramingFault fault, String... messageParts) {
		ByteBuf in = Unpooled.wrappedBuffer(wire);
		try {
			assertThatExceptionOfType(FramingException.class).isThrownBy(() -> new NmfRecordDecoder().decode(in))
				.withMessageContainingAll(messageParts)
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.LIMIT))
				.satisfies((ex) -> assertThat(ex.faultToSend()).isEqualTo(fault));
		}
		finally {
			in.release();
		}
	}

	private static void assertProtocolFailure(byte[] wire, @Nullable FramingFault fault, String messagePart) {
		ByteBuf in = Unpooled.wrappedBuffer(wire);
		try {
			assertThatExceptionOfType(FramingException.class).isThrownBy(() -> new NmfRecordDecoder().decode(in))
				.withMessageContaining(messagePart)
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.PROTOCOL))
				.satisfies((ex) -> assertThat(ex.faultToSend()).isEqualTo(fault));
		}
		finally {
			in.release();
		}
	}

	/** The type byte and the announced length only: none of the announced bytes. */
	private static byte[] header(RecordType type, int length) {
		ByteBuf out = Unpooled.buffer();
		try {
			out.writeByte(type.code());
			MultiByteInt31.encode(length, out);
			return io.netty.buffer.ByteBufUtil.getBytes(out);
		}
		finally {
			out.release();
		}
	}

	private static String via(int bytes) {
		String prefix = "net.tcp://localhost/";
		return prefix + "p".repeat(bytes - prefix.length());
	}

}
