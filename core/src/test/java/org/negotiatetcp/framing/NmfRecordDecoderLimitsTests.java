package org.negotiatetcp.framing;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
	void acceptsContentTypesAndUpgradeNamesOfExactly256Bytes() {
		List<NmfRecord> records = List.of(new ExtensibleEncodingRecord("x".repeat(256)),
				new UpgradeRequestRecord("y".repeat(256)));
		assertThat(decodeAll(new NmfRecordDecoder(), NmfTestSupport.encodeAll(records)))
			.containsExactlyElementsOf(records);
	}

	@Test
	void acceptsAFaultStringOfExactly256Bytes() {
		FaultRecord longest = new FaultRecord("f".repeat(256));
		assertThat(decodeAll(new NmfRecordDecoder(), encode(longest))).containsExactly(longest);
	}

	@ParameterizedTest(name = "{0} of {1} bytes")
	@CsvSource(delimiter = '|', textBlock = """
			VIA                 | 2049  | VIA_TOO_LONG              | maxViaLength
			EXTENSIBLE_ENCODING | 257   | CONTENT_TYPE_TOO_LONG     | maxContentTypeLength
			UPGRADE_REQUEST     | 257   | CONTENT_TYPE_TOO_LONG     | maxContentTypeLength
			FAULT               | 257   |                           | maxFaultLength
			SIZED_ENVELOPE      | 65537 | MAX_MESSAGE_SIZE_EXCEEDED | maxMessageSize
			""")
	void refusesAnOversizedRecordAsSoonAsItsLengthArrives(RecordType type, int length,
			@Nullable FramingFault fault, String limit) {
		ByteBuf in = Unpooled.wrappedBuffer(header(type, length));
		try {
			assertThatExceptionOfType(FramingException.class).isThrownBy(() -> new NmfRecordDecoder().decode(in))
				.withMessageContainingAll(String.valueOf(length), limit)
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.LIMIT))
				.satisfies((ex) -> assertThat(ex.faultToSend()).isEqualTo(fault));
		}
		finally {
			in.release();
		}
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

	@ParameterizedTest(name = "{3}: {0}")
	@CsvSource(delimiter = '|', textBlock = """
			0D               |                      | 0x0D             | unknown record type
			FF               |                      | 0xFF             | unknown record type
			485454502F312E31 |                      | HTTP             | an HTTP request
			02 02 C328       |                      | UTF-8            | invalid UTF-8 in a via
			08 03 EDA080     |                      | UTF-8            | invalid UTF-8 (a surrogate) in a fault
			04 01 80         |                      | UTF-8            | invalid UTF-8 in a content type
			01 05            | UNSUPPORTED_MODE     | 0x05             | unknown mode
			03 09            | CONTENT_TYPE_INVALID | 0x09             | unknown encoding
			06 FFFFFFFF0F    |                      | multi-byte int31 | a malformed length
			""")
	void refusesMalformedInputAsAProtocolErrorWithItsFault(String wire, @Nullable FramingFault fault,
			String messagePart, String what) {
		ByteBuf in = Unpooled.wrappedBuffer(hex(wire));
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

	@Test
	void validatesLimits() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new FramingLimits(2048, 256, 256, 0))
			.withMessageContaining("maxMessageSize");
		assertThat(FramingLimits.DEFAULTS).isEqualTo(new FramingLimits(2048, 256, 256, 65536));
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
