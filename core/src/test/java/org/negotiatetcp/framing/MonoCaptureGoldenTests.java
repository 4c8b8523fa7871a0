package org.negotiatetcp.framing;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.negotiatetcp.framing.NmfTestSupport.decodeAll;
import static org.negotiatetcp.framing.NmfTestSupport.decodeByteByByte;
import static org.negotiatetcp.framing.NmfTestSupport.encodeAll;
import static org.negotiatetcp.framing.NmfTestSupport.releaseAll;

/**
 * Decodes and re-encodes a real Mono 6.8 WCF {@code NetTcpBinding(SecurityMode.None)} session captured with tshark
 * (the test resource {@code captures/mono-wcf-nettcp-none.txt}, copied into the repository so that the build needs
 * nothing outside it).
 */
class MonoCaptureGoldenTests {

	private static final String VIA = "net.tcp://localhost:58081/echo";

	private static TsharkHexDump capture;

	@BeforeAll
	static void readCapture() throws IOException {
		capture = TsharkHexDump.parse(captureFile());
	}

	private static Path captureFile() {
		URL resource = MonoCaptureGoldenTests.class.getResource("/captures/mono-wcf-nettcp-none.txt");
		assertThat(resource).as("test resource captures/mono-wcf-nettcp-none.txt").isNotNull();
		try {
			return Path.of(resource.toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void theCaptureParsesIntoBothDirections() {
		assertThat(capture.clientToServer()).hasSize(0xE5).startsWith(0x00, 0x01, 0x00).endsWith(0x07);
		assertThat(capture.serverToClient()).hasSize(0x7A).startsWith(0x0B, 0x06, 0x76).endsWith(0x07);
	}

	@Test
	void decodesTheClientSideIntoTheExpectedRecordsAndReEncodesItExactly() {
		List<NmfRecord> records = decodeAll(new NmfRecordDecoder(), capture.clientToServer());
		try {
			assertThat(records).hasSize(7);
			assertThat(records.subList(0, 5)).containsExactly(VersionRecord.V1_0, new ModeRecord(FramingMode.DUPLEX),
					new ViaRecord(VIA), new KnownEncodingRecord(KnownEncoding.BINARY_SESSION),
					PreambleEndRecord.INSTANCE);
			assertThat(((ViaRecord) records.get(2)).via()).isEqualTo(VIA);
			assertThat(records.get(5)).isInstanceOfSatisfying(SizedEnvelopeRecord.class, (envelope) -> {
				assertThat(envelope.size()).isEqualTo(0xB9);
				// NBFSE: a 2-byte session string table holding "s", then binary XML starting with <s:Envelope
				assertThat(ByteBufUtil.getBytes(envelope.payload(), envelope.payload().readerIndex(), 5))
					.isEqualTo(NmfTestSupport.hex("02 01 73 56 02"));
			});
			assertThat(records.get(6)).isEqualTo(EndRecord.INSTANCE);
			assertThat(encodeAll(records)).isEqualTo(capture.clientToServer());
		}
		finally {
			releaseAll(records);
		}
	}

	@Test
	void decodesTheServerSideIntoTheExpectedRecordsAndReEncodesItExactly() {
		List<NmfRecord> records = decodeAll(new NmfRecordDecoder(), capture.serverToClient());
		try {
			assertThat(records).hasSize(3);
			assertThat(records.get(0)).isEqualTo(PreambleAckRecord.INSTANCE);
			assertThat(records.get(1)).isInstanceOfSatisfying(SizedEnvelopeRecord.class,
					(envelope) -> assertThat(envelope.size()).isEqualTo(0x76));
			assertThat(records.get(2)).isEqualTo(EndRecord.INSTANCE);
			assertThat(encodeAll(records)).isEqualTo(capture.serverToClient());
		}
		finally {
			releaseAll(records);
		}
	}

	@Test
	void decodingOneByteAtATimeGivesTheSameRecords() {
		for (byte[] direction : List.of(capture.clientToServer(), capture.serverToClient())) {
			List<NmfRecord> whole = decodeAll(new NmfRecordDecoder(), direction);
			List<NmfRecord> bytewise = decodeByteByByte(new NmfRecordDecoder(), direction);
			try {
				assertThat(bytewise).containsExactlyElementsOf(whole);
			}
			finally {
				releaseAll(whole);
				releaseAll(bytewise);
			}
		}
	}

	@Test
	void ourClientWritesTheSamePreambleAsMono() {
		ClientPreambleStateMachine client = ClientPreambleStateMachine.duplex(VIA, false);
		ByteBuf out = Unpooled.buffer();
		try {
			client.writePreamble(out);
			assertThat(ByteBufUtil.getBytes(out)).isEqualTo(Arrays.copyOf(capture.clientToServer(), 0x28));
		}
		finally {
			out.release();
		}
	}

	@Test
	void ourServerAcceptsMonosSessionAndOurClientAcceptsMonosAnswer() {
		ServerPreambleStateMachine server = new ServerPreambleStateMachine(
				ServerFramingPolicy.DEFAULTS.withUpgrade(null, false).withEndpointPaths("/echo"));
		List<NmfRecord> fromClient = decodeAll(new NmfRecordDecoder(), capture.clientToServer());
		try {
			List<ServerAction> actions = fromClient.stream().map(server::onRecord).toList();
			assertThat(actions.get(4)).isEqualTo(new ServerAction.PreambleComplete(FramingMode.DUPLEX, VIA,
					KnownEncoding.BINARY_SESSION.contentType(), null));
			assertThat(actions.get(5)).isInstanceOf(ServerAction.DeliverEnvelope.class);
			assertThat(actions.get(6)).isInstanceOf(ServerAction.SessionEnded.class);
		}
		finally {
			releaseAll(fromClient);
		}
		ClientPreambleStateMachine client = ClientPreambleStateMachine.duplex(VIA, false);
		ByteBuf sink = Unpooled.buffer();
		try {
			client.writePreamble(sink);
		}
		finally {
			sink.release();
		}
		ByteBuf answer = Unpooled.wrappedBuffer(capture.serverToClient());
		try {
			NmfRecord first = new NmfRecordDecoder().decode(answer);
			assertThat(first).isNotNull();
			assertThat(client.onRecord(first)).isEqualTo(ClientPreambleStateMachine.State.COMPLETE);
		}
		finally {
			answer.release();
		}
	}

	@Test
	void theDumpParserChecksOffsets() {
		assertThat(Files.exists(captureFile())).isTrue();
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> TsharkHexDump.parse(List.of("00000000  01 02", "00000005  03")))
			.withMessageContaining("offset 5");
	}

}
