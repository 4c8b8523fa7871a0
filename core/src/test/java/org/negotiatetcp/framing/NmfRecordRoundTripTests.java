package org.negotiatetcp.framing;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.negotiatetcp.framing.NmfTestSupport.decodeAll;
import static org.negotiatetcp.framing.NmfTestSupport.decodeByteByByte;
import static org.negotiatetcp.framing.NmfTestSupport.encode;
import static org.negotiatetcp.framing.NmfTestSupport.encodeAll;
import static org.negotiatetcp.framing.NmfTestSupport.hex;
import static org.negotiatetcp.framing.NmfTestSupport.releaseAll;

class NmfRecordRoundTripTests {

	private static final String VIA = "net.tcp://srv.example.com:808/Svc";

	@Test
	void encodesEachRecordWithItsSpecifiedLayout() {
		assertThat(encode(VersionRecord.V1_0)).isEqualTo(hex("00 01 00"));
		assertThat(encode(new ModeRecord(FramingMode.DUPLEX))).isEqualTo(hex("01 02"));
		assertThat(encode(new ViaRecord(VIA))).startsWith(hex("02 21")).hasSize(2 + 33);
		assertThat(encode(new KnownEncodingRecord(KnownEncoding.BINARY_SESSION))).isEqualTo(hex("03 08"));
		assertThat(encode(new ExtensibleEncodingRecord("a/b"))).isEqualTo(hex("04 03 612F62"));
		assertThat(encode(UpgradeRequestRecord.NEGOTIATE)).startsWith(hex("09 15"))
			.endsWith("application/negotiate".getBytes(StandardCharsets.US_ASCII));
		assertThat(encode(UpgradeResponseRecord.INSTANCE)).isEqualTo(hex("0A"));
		assertThat(encode(PreambleAckRecord.INSTANCE)).isEqualTo(hex("0B"));
		assertThat(encode(PreambleEndRecord.INSTANCE)).isEqualTo(hex("0C"));
		assertThat(encode(EndRecord.INSTANCE)).isEqualTo(hex("07"));
		assertThat(encode(FaultRecord.of(FramingFault.VIA_TOO_LONG))).startsWith(hex("08 41")).hasSize(2 + 0x41);
		SizedEnvelopeRecord sized = new SizedEnvelopeRecord(Unpooled.wrappedBuffer(new byte[300]));
		UnsizedEnvelopeRecord unsized = new UnsizedEnvelopeRecord(Unpooled.wrappedBuffer(hex("AABB")));
		UnsizedEnvelopeRecord empty = new UnsizedEnvelopeRecord(Unpooled.buffer(0));
		try {
			assertThat(encode(sized)).startsWith(hex("06 AC02")).hasSize(303);
			assertThat(encode(unsized)).isEqualTo(hex("05 02 AABB 00"));
			assertThat(encode(empty)).isEqualTo(hex("05 00"));
		}
		finally {
			releaseAll(List.of(sized, unsized, empty));
		}
	}

	@Test
	void everyRecordTypeSurvivesEncodeDecodeAndReEncode() {
		List<NmfRecord> records = allRecordTypes();
		try {
			byte[] wire = encodeAll(records);
			List<NmfRecord> decoded = decodeAll(new NmfRecordDecoder(), wire);
			try {
				assertThat(decoded).containsExactlyElementsOf(records);
				assertThat(decoded.stream().map(NmfRecord::type)).containsExactlyInAnyOrder(RecordType.values());
				assertThat(encodeAll(decoded)).isEqualTo(wire);
			}
			finally {
				releaseAll(decoded);
			}
		}
		finally {
			releaseAll(records);
		}
	}

	@Test
	void feedingOneByteAtATimeYieldsTheSameRecords() {
		List<NmfRecord> records = allRecordTypes();
		try {
			byte[] wire = encodeAll(records);
			List<NmfRecord> decoded = decodeByteByByte(new NmfRecordDecoder(), wire);
			try {
				assertThat(decoded).containsExactlyElementsOf(records);
			}
			finally {
				releaseAll(decoded);
			}
		}
		finally {
			releaseAll(records);
		}
	}

	@Test
	void aggregatesUnsizedEnvelopeChunksIntoOneRecord() {
		byte[] wire = hex("05 03 616263 01 64 02 6566 00 07");
		for (boolean byteByByte : new boolean[] { false, true }) {
			NmfRecordDecoder decoder = new NmfRecordDecoder();
			List<NmfRecord> decoded = byteByByte ? decodeByteByByte(decoder, wire) : decodeAll(decoder, wire);
			try {
				assertThat(decoded).hasSize(2).element(1).isEqualTo(EndRecord.INSTANCE);
				UnsizedEnvelopeRecord envelope = (UnsizedEnvelopeRecord) decoded.get(0);
				assertThat(envelope.payload().toString(StandardCharsets.US_ASCII)).isEqualTo("abcdef");
				assertThat(decoder.isInsideUnsizedEnvelope()).isFalse();
			}
			finally {
				releaseAll(decoded);
			}
		}
	}

	@Test
	void writesAnUnsizedEnvelopeInBoundedChunksThatDecodeBackToThePayload() {
		UnsizedEnvelopeRecord record = new UnsizedEnvelopeRecord(Unpooled.wrappedBuffer(hex("616263646566 67")));
		ByteBuf out = Unpooled.buffer();
		try {
			record.encode(out, 3);
			assertThat(ByteBufUtil.getBytes(out)).isEqualTo(hex("05 03 616263 03 646566 01 67 00"));
			assertThat(out.readableBytes()).isLessThanOrEqualTo((int) UnsizedEnvelopeRecord.maxEncodedSize(7, 3));
			assertThat(record.payload().readerIndex()).isZero();
			List<NmfRecord> decoded = decodeAll(new NmfRecordDecoder(), ByteBufUtil.getBytes(out));
			try {
				assertThat(((UnsizedEnvelopeRecord) decoded.get(0)).payload().toString(StandardCharsets.US_ASCII))
					.isEqualTo("abcdefg");
			}
			finally {
				releaseAll(decoded);
			}
			assertThatIllegalArgumentException().isThrownBy(() -> record.encode(Unpooled.buffer(), 0));
		}
		finally {
			out.release();
			record.release();
		}
	}

	@Test
	void leavesTheUpgradeProtocolBytesAfterAnUpgradeResponse() {
		ByteBuf in = Unpooled.wrappedBuffer(hex("0A 16 01 00 00 28"));
		try {
			assertThat(new NmfRecordDecoder().decode(in)).isEqualTo(UpgradeResponseRecord.INSTANCE);
			assertThat(ByteBufUtil.getBytes(in)).isEqualTo(hex("16 01 00 00 28"));
		}
		finally {
			in.release();
		}
	}

	@Test
	void returnsNullAndKeepsTheReaderIndexWhileARecordIsIncomplete() {
		byte[] via = encode(new ViaRecord(VIA));
		ByteBuf in = Unpooled.wrappedBuffer(via, 0, via.length - 1);
		try {
			assertThat(new NmfRecordDecoder().decode(in)).isNull();
			assertThat(in.readerIndex()).isZero();
		}
		finally {
			in.release();
		}
	}

	@Test
	void sizedEnvelopePayloadsAreReferenceCountedSlicesReleasedByTheirOwner() {
		ByteBuf in = Unpooled.wrappedBuffer(hex("06 02 CAFE"));
		NmfRecord record = new NmfRecordDecoder().decode(in);
		assertThat(record).isInstanceOf(SizedEnvelopeRecord.class);
		SizedEnvelopeRecord envelope = (SizedEnvelopeRecord) record;
		in.release();
		assertThat(envelope.refCnt()).isOne();
		assertThat(ByteBufUtil.getBytes(envelope.payload())).isEqualTo(hex("CAFE"));
		assertThat(envelope.release()).isTrue();
		assertThat(in.refCnt()).isZero();
	}

	@Test
	void nonAsciiStringsAreCountedInUtf8Bytes() {
		ViaRecord via = new ViaRecord("net.tcp://höst/ä");
		byte[] wire = encode(via);
		assertThat(wire[1]).isEqualTo((byte) via.via().getBytes(StandardCharsets.UTF_8).length);
		assertThat(decodeAll(new NmfRecordDecoder(), wire)).containsExactly(via);
	}

	private static List<NmfRecord> allRecordTypes() {
		return List.of(new VersionRecord(1, 3), new ModeRecord(FramingMode.SINGLETON_UNSIZED), new ViaRecord(VIA),
				new KnownEncodingRecord(KnownEncoding.SOAP12_UTF8),
				new ExtensibleEncodingRecord("application/soap+msbinsession1+gzip"), UpgradeRequestRecord.NEGOTIATE,
				UpgradeResponseRecord.INSTANCE, PreambleEndRecord.INSTANCE, PreambleAckRecord.INSTANCE,
				new UnsizedEnvelopeRecord(Unpooled.wrappedBuffer(new byte[200])),
				new SizedEnvelopeRecord(Unpooled.wrappedBuffer(hex("00 56 02 0B 01"))), EndRecord.INSTANCE,
				FaultRecord.of(FramingFault.MAX_MESSAGE_SIZE_EXCEEDED));
	}

}
