package org.negotiatetcp.framing;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.negotiatetcp.FailureReason;

import static org.negotiatetcp.testsupport.Bytes.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.negotiatetcp.framing.NmfTestSupport.encode;
import static org.negotiatetcp.framing.NmfTestSupport.hex;

class ClientPreambleStateMachineTests {

	private static final String VIA = "net.tcp://srv.example.com:808/Svc";

	@Test
	void writesTheDotNetPreambleWithNegotiateUpgradeAndCompletesAfterTheAck() {
		ClientPreambleStateMachine client = ClientPreambleStateMachine.duplex(VIA, true);
		byte[] preamble = write(client::writePreamble);
		byte[] expected = concat(hex("00 01 00 01 02 02 21"), VIA.getBytes(StandardCharsets.US_ASCII), hex("03 08 09 15"),
				"application/negotiate".getBytes(StandardCharsets.US_ASCII));
		assertThat(preamble).isEqualTo(expected);
		assertThat(client.state()).isEqualTo(ClientPreambleStateMachine.State.AWAITING_UPGRADE_RESPONSE);
		assertThat(client.onRecord(UpgradeResponseRecord.INSTANCE))
			.isEqualTo(ClientPreambleStateMachine.State.UPGRADING);
		assertThat(write(client::upgradeCompleted)).isEqualTo(hex("0C"));
		assertThat(client.onRecord(PreambleAckRecord.INSTANCE)).isEqualTo(ClientPreambleStateMachine.State.COMPLETE);
	}

	@Test
	void writesPreambleEndRightAwayWithoutUpgrade() {
		ClientPreambleStateMachine client = ClientPreambleStateMachine.duplex(VIA, false);
		assertThat(write(client::writePreamble)).endsWith(hex("03 08 0C"));
		assertThat(client.state()).isEqualTo(ClientPreambleStateMachine.State.AWAITING_PREAMBLE_ACK);
	}

	@Test
	void usesAnExtensibleEncodingForContentTypesWithoutAKnownByte() {
		ClientPreambleStateMachine client = new ClientPreambleStateMachine(FramingMode.DUPLEX, VIA,
				"application/soap+msbinsession1+gzip", null);
		assertThat(client.preambleRecords()).last()
			.isEqualTo(new ExtensibleEncodingRecord("application/soap+msbinsession1+gzip"));
	}

	@Test
	void completesSimplexAndSingletonSizedWithoutWaitingForAnAck() {
		ClientPreambleStateMachine simplex = new ClientPreambleStateMachine(FramingMode.SIMPLEX, VIA,
				KnownEncoding.BINARY.contentType(), null);
		assertThat(write(simplex::writePreamble)).endsWith(hex("03 07 0C"));
		assertThat(simplex.state()).isEqualTo(ClientPreambleStateMachine.State.COMPLETE);
		ClientPreambleStateMachine sized = new ClientPreambleStateMachine(FramingMode.SINGLETON_SIZED, VIA,
				KnownEncoding.BINARY.contentType(), null);
		assertThat(write(sized::writePreamble)).endsWith(hex("03 07"));
		assertThat(sized.state()).isEqualTo(ClientPreambleStateMachine.State.COMPLETE);
	}

	@Test
	void refusesAnUpgradeInAModeThatCannotCarryOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ClientPreambleStateMachine(FramingMode.SIMPLEX, VIA,
				KnownEncoding.BINARY.contentType(), UpgradeRequestRecord.NEGOTIATE_PROTOCOL));
	}

	@ParameterizedTest
	@EnumSource(FramingFault.class)
	void mapsAFaultInsteadOfTheUpgradeResponseToATypedException(FramingFault fault) {
		ClientPreambleStateMachine client = ClientPreambleStateMachine.duplex(VIA, true);
		write(client::writePreamble);
		assertFaultException(() -> client.onRecord(FaultRecord.of(fault)), fault);
		assertThat(client.state()).isEqualTo(ClientPreambleStateMachine.State.FAILED);
	}

	@ParameterizedTest
	@EnumSource(FramingFault.class)
	void mapsAFaultInsteadOfThePreambleAckToATypedException(FramingFault fault) {
		ClientPreambleStateMachine client = ClientPreambleStateMachine.duplex(VIA, true);
		write(client::writePreamble);
		client.onRecord(UpgradeResponseRecord.INSTANCE);
		write(client::upgradeCompleted);
		assertFaultException(() -> client.onRecord(FaultRecord.of(fault)), fault);
	}

	@Test
	void decodesAFaultThatStartsWhereTheUpgradeResponseByteWasExpected() {
		ClientPreambleStateMachine client = ClientPreambleStateMachine.duplex(VIA, true);
		write(client::writePreamble);
		ByteBuf in = Unpooled.wrappedBuffer(encode(FaultRecord.of(FramingFault.UPGRADE_INVALID)));
		try {
			NmfRecord answer = new NmfRecordDecoder().decode(in);
			assertThat(answer).isNotNull();
			assertThatExceptionOfType(FramingFaultException.class).isThrownBy(() -> client.onRecord(answer))
				.withMessageContaining("does not accept application/negotiate");
		}
		finally {
			in.release();
		}
	}

	@Test
	void reportsAnUnrecognisedFaultUriAsAProtocolError() {
		ClientPreambleStateMachine client = ClientPreambleStateMachine.duplex(VIA, false);
		write(client::writePreamble);
		assertThatExceptionOfType(FramingException.class)
			.isThrownBy(() -> client.onRecord(new FaultRecord("urn:something-else")))
			.withMessageContainingAll("urn:something-else", VIA)
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.PROTOCOL));
	}

	@Test
	void reportsAnUnexpectedRecordAsAProtocolError() {
		ClientPreambleStateMachine client = ClientPreambleStateMachine.duplex(VIA, true);
		write(client::writePreamble);
		assertThatExceptionOfType(FramingException.class)
			.isThrownBy(() -> client.onRecord(PreambleAckRecord.INSTANCE))
			.withMessageContainingAll("UpgradeResponse", "PREAMBLE_ACK")
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.PROTOCOL))
			.satisfies((ex) -> assertThat(ex.faultToSend()).isNull());
		assertThat(client.state()).isEqualTo(ClientPreambleStateMachine.State.FAILED);
	}

	@Test
	void refusesCallsInTheWrongState() {
		ClientPreambleStateMachine client = ClientPreambleStateMachine.duplex(VIA, true);
		assertThatIllegalStateException().isThrownBy(() -> client.onRecord(UpgradeResponseRecord.INSTANCE));
		assertThatIllegalStateException().isThrownBy(() -> write(client::upgradeCompleted));
		write(client::writePreamble);
		assertThatIllegalStateException().isThrownBy(() -> write(client::writePreamble));
	}

	private static void assertFaultException(Runnable action, FramingFault fault) {
		assertThatExceptionOfType(FramingFaultException.class).isThrownBy(action::run)
			.satisfies((ex) -> assertThat(ex.fault()).isEqualTo(fault))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.FAULT))
			.satisfies((ex) -> assertThat(ex.via()).isEqualTo(VIA))
			.withMessageContainingAll(fault.faultName(), VIA, fault.likelyCause());
	}

	private static byte[] write(java.util.function.Consumer<ByteBuf> writer) {
		ByteBuf out = Unpooled.buffer();
		try {
			writer.accept(out);
			return ByteBufUtil.getBytes(out);
		}
		finally {
			out.release();
		}
	}

}
