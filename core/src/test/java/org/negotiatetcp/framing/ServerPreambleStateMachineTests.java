package org.negotiatetcp.framing;

import java.util.ArrayList;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import org.negotiatetcp.FailureReason;

import static org.negotiatetcp.testsupport.Bytes.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.negotiatetcp.framing.NmfTestSupport.encode;
import static org.negotiatetcp.framing.NmfTestSupport.hex;

class ServerPreambleStateMachineTests {

	private static final String VIA = "net.tcp://localhost:808/echo";

	private static final ServerFramingPolicy ECHO_ONLY = ServerFramingPolicy.DEFAULTS.withEndpointPaths("/echo");

	@Test
	void acceptsTheDefaultNetTcpPreambleWithNegotiateUpgrade() {
		ServerPreambleStateMachine server = new ServerPreambleStateMachine(ECHO_ONLY);
		assertThat(feed(server, clearPreamble(VIA))).containsOnly(ServerAction.CONTINUE);
		assertThat(server.onRecord(UpgradeRequestRecord.NEGOTIATE))
			.isEqualTo(new ServerAction.StartUpgrade("application/negotiate"));
		assertThat(server.state()).isEqualTo(ServerPreambleStateMachine.State.UPGRADING);
		server.upgradeCompleted();
		ServerAction complete = server.onRecord(PreambleEndRecord.INSTANCE);
		assertThat(complete).isEqualTo(new ServerAction.PreambleComplete(FramingMode.DUPLEX, VIA,
				"application/soap+msbinsession1", "application/negotiate"));
		assertThat(((ServerAction.PreambleComplete) complete).sendPreambleAck()).isTrue();
		assertThat(((ServerAction.PreambleComplete) complete).knownEncoding()).isEqualTo(KnownEncoding.BINARY_SESSION);
		SizedEnvelopeRecord envelope = new SizedEnvelopeRecord(Unpooled.wrappedBuffer(hex("00 56 02")));
		try {
			assertThat(server.onRecord(envelope)).isEqualTo(new ServerAction.DeliverEnvelope(envelope));
			assertThat(envelope.refCnt()).isOne();
		}
		finally {
			envelope.release();
		}
		assertThat(server.onRecord(EndRecord.INSTANCE)).isInstanceOf(ServerAction.SessionEnded.class);
		assertThat(server.state()).isEqualTo(ServerPreambleStateMachine.State.ENDED);
	}

	@Test
	void acceptsANewPreambleOnTheSameConnectionAfterReset() {
		ServerPreambleStateMachine server = new ServerPreambleStateMachine(ECHO_ONLY);
		for (int session = 0; session < 2; session++) {
			feed(server, clearPreamble(VIA));
			assertThat(server.onRecord(UpgradeRequestRecord.NEGOTIATE)).isInstanceOf(ServerAction.StartUpgrade.class);
			server.upgradeCompleted();
			assertThat(server.onRecord(PreambleEndRecord.INSTANCE)).isInstanceOf(ServerAction.PreambleComplete.class);
			assertThat(server.onRecord(EndRecord.INSTANCE)).isInstanceOf(ServerAction.SessionEnded.class);
			assertThatIllegalStateException().isThrownBy(() -> server.onRecord(VersionRecord.V1_0))
				.withMessageContaining("reset()");
			server.reset();
		}
		assertThat(server.state()).isEqualTo(ServerPreambleStateMachine.State.EXPECT_VERSION);
	}

	@Test
	void acceptsAnyMinorVersionOfMajorVersionOneLikeDotNet() {
		ServerPreambleStateMachine server = new ServerPreambleStateMachine(ECHO_ONLY);
		assertThat(server.onRecord(new VersionRecord(1, 7))).isEqualTo(ServerAction.CONTINUE);
	}

	@Test
	void refusesAnotherMajorVersionWithUnsupportedVersion() {
		assertFault(new ServerPreambleStateMachine(ECHO_ONLY), List.of(new VersionRecord(2, 0)),
				FramingFault.UNSUPPORTED_VERSION, "2.0");
		assertFault(new ServerPreambleStateMachine(ECHO_ONLY), List.of(new VersionRecord(0, 9)),
				FramingFault.UNSUPPORTED_VERSION, "0.9");
	}

	@Test
	void refusesAModeOutsideThePolicyWithUnsupportedMode() {
		assertFault(new ServerPreambleStateMachine(ECHO_ONLY),
				List.of(VersionRecord.V1_0, new ModeRecord(FramingMode.SINGLETON_UNSIZED)), FramingFault.UNSUPPORTED_MODE,
				"SINGLETON_UNSIZED");
	}

	@Test
	void refusesAnUnknownViaWithEndpointNotFound() {
		assertFault(new ServerPreambleStateMachine(ECHO_ONLY), upToVia("net.tcp://localhost:808/other"),
				FramingFault.ENDPOINT_NOT_FOUND, "net.tcp://localhost:808/other");
	}

	@Test
	void viaWithLineBreaksIsEscapedAndBoundedInTheErrorMessage() {
		// a client's via reaches the server's WARN log through this message: it must not forge log lines
		String forged = "net.tcp://localhost:808/other\r\n2026-12-07 INFO admin authenticated" + "x".repeat(1000);
		assertThatExceptionOfType(FramingException.class)
			.isThrownBy(() -> feed(new ServerPreambleStateMachine(ECHO_ONLY), upToVia(forged)))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("\r", "\n")
				.contains("other\\r\\n2026-12-07 INFO")
				.contains("more characters)")
				.hasSizeLessThan(500));
	}

	@Test
	void refusesARelativeViaAsAProtocolError() {
		ServerPreambleStateMachine server = new ServerPreambleStateMachine(ServerFramingPolicy.DEFAULTS);
		feed(server, List.of(VersionRecord.V1_0, new ModeRecord(FramingMode.DUPLEX)));
		assertProtocolError(() -> server.onRecord(new ViaRecord("/echo")), "absolute URI");
	}

	@Test
	void refusesAContentTypeOutsideThePolicyWithContentTypeInvalid() {
		ServerPreambleStateMachine server = new ServerPreambleStateMachine(
				ECHO_ONLY.withContentTypeAcceptor(KnownEncoding.BINARY_SESSION.contentType()::equals));
		assertFault(server, List.of(VersionRecord.V1_0, new ModeRecord(FramingMode.DUPLEX), new ViaRecord(VIA),
				new KnownEncodingRecord(KnownEncoding.SOAP12_UTF8)), FramingFault.CONTENT_TYPE_INVALID,
				"application/soap+xml; charset=utf-8");
	}

	@Test
	void refusesAnUnknownExtensibleContentTypeByDefault() {
		assertFault(new ServerPreambleStateMachine(ECHO_ONLY), List.of(VersionRecord.V1_0,
				new ModeRecord(FramingMode.DUPLEX), new ViaRecord(VIA), new ExtensibleEncodingRecord("application/json")),
				FramingFault.CONTENT_TYPE_INVALID, "application/json");
	}

	@Test
	void refusesAnUnknownUpgradeProtocolWithUpgradeInvalid() {
		List<NmfRecord> records = new ArrayList<>(clearPreamble(VIA));
		records.add(new UpgradeRequestRecord(UpgradeRequestRecord.SSL_TLS_PROTOCOL));
		assertFault(new ServerPreambleStateMachine(ECHO_ONLY), records, FramingFault.UPGRADE_INVALID,
				"application/ssl-tls");
	}

	@Test
	void refusesAPreambleEndWithoutTheRequiredUpgradeWithUpgradeInvalid() {
		List<NmfRecord> records = new ArrayList<>(clearPreamble(VIA));
		records.add(PreambleEndRecord.INSTANCE);
		assertFault(new ServerPreambleStateMachine(ECHO_ONLY), records, FramingFault.UPGRADE_INVALID,
				"without the required 'application/negotiate' upgrade");
	}

	@Test
	void refusesASecondUpgradeWithUpgradeInvalid() {
		ServerPreambleStateMachine server = new ServerPreambleStateMachine(ECHO_ONLY);
		feed(server, clearPreamble(VIA));
		server.onRecord(UpgradeRequestRecord.NEGOTIATE);
		server.upgradeCompleted();
		assertFault(server, List.of(UpgradeRequestRecord.NEGOTIATE), FramingFault.UPGRADE_INVALID, "already upgraded");
	}

	@Test
	void refusesOverlongFieldsOfRecordsBuiltInMemory() {
		ServerPreambleStateMachine viaServer = new ServerPreambleStateMachine(ServerFramingPolicy.DEFAULTS);
		assertFault(viaServer, upToVia("net.tcp://h/" + "p".repeat(2037)), FramingFault.VIA_TOO_LONG, "2049");
		ServerPreambleStateMachine typeServer = new ServerPreambleStateMachine(ServerFramingPolicy.DEFAULTS);
		assertFault(typeServer, List.of(VersionRecord.V1_0, new ModeRecord(FramingMode.DUPLEX), new ViaRecord(VIA),
				new ExtensibleEncodingRecord("t".repeat(257))), FramingFault.CONTENT_TYPE_TOO_LONG, "257");
		ServerPreambleStateMachine upgradeServer = new ServerPreambleStateMachine(ServerFramingPolicy.DEFAULTS);
		List<NmfRecord> records = new ArrayList<>(clearPreamble(VIA));
		records.add(new UpgradeRequestRecord("u".repeat(257)));
		assertFault(upgradeServer, records, FramingFault.CONTENT_TYPE_TOO_LONG, "257");
	}

	@Test
	void turnsDecoderLimitFailuresIntoTheirFaults() {
		byte[] longVia = encode(new ViaRecord("net.tcp://h/" + "p".repeat(2037)));
		assertDecoderFault(concat(hex("00 01 00 01 02"), longVia), FramingFault.VIA_TOO_LONG);
		byte[] longType = encode(new ExtensibleEncodingRecord("t".repeat(257)));
		assertDecoderFault(concat(hex("00 01 00 01 02"), encode(new ViaRecord(VIA)), longType),
				FramingFault.CONTENT_TYPE_TOO_LONG);
		assertDecoderFault(concat(hex("00 01 00 01 02"), encode(new ViaRecord(VIA)), hex("03 08 0C 06 818004")),
				FramingFault.MAX_MESSAGE_SIZE_EXCEEDED);
		assertDecoderFault(hex("00 01 00 01 07"), FramingFault.UNSUPPORTED_MODE);
	}

	@Test
	void rethrowsDecoderFailuresThatHaveNoFault() {
		ServerPreambleStateMachine server = new ServerPreambleStateMachine(ECHO_ONLY);
		FramingException failure = FramingException.protocol("unknown record type");
		assertThatExceptionOfType(FramingException.class).isThrownBy(() -> server.onDecodeFailure(failure))
			.isSameAs(failure);
		assertThat(server.state()).isEqualTo(ServerPreambleStateMachine.State.FAULTED);
	}

	@Test
	void refusesAnOversizedEnvelopeWithMaxMessageSizeExceeded() {
		ServerPreambleStateMachine server = new ServerPreambleStateMachine(
				ECHO_ONLY.withUpgrade(null, false), FramingLimits.DEFAULTS.withMaxMessageSize(4));
		List<NmfRecord> records = new ArrayList<>(clearPreamble(VIA));
		records.add(PreambleEndRecord.INSTANCE);
		feed(server, records);
		SizedEnvelopeRecord envelope = new SizedEnvelopeRecord(Unpooled.wrappedBuffer(new byte[5]));
		try {
			assertFault(server, List.of(envelope), FramingFault.MAX_MESSAGE_SIZE_EXCEEDED, "5 bytes");
		}
		finally {
			envelope.release();
		}
	}

	@Test
	void refusesRecordsOutOfOrderAsProtocolErrors() {
		assertProtocolError(() -> new ServerPreambleStateMachine(ECHO_ONLY).onRecord(new ModeRecord(FramingMode.DUPLEX)),
				"expected a Version record");
		ServerPreambleStateMachine server = new ServerPreambleStateMachine(ECHO_ONLY);
		feed(server, clearPreamble(VIA));
		assertProtocolError(() -> server.onRecord(EndRecord.INSTANCE), "UpgradeRequest or PreambleEnd");
		assertThat(server.state()).isEqualTo(ServerPreambleStateMachine.State.FAULTED);
		assertThatIllegalStateException().isThrownBy(() -> server.onRecord(PreambleEndRecord.INSTANCE));
	}

	@Test
	void refusesAnUnsizedEnvelopeInDuplexMode() {
		ServerPreambleStateMachine server = new ServerPreambleStateMachine(ECHO_ONLY.withUpgrade(null, false));
		List<NmfRecord> records = new ArrayList<>(clearPreamble(VIA));
		records.add(PreambleEndRecord.INSTANCE);
		feed(server, records);
		UnsizedEnvelopeRecord envelope = new UnsizedEnvelopeRecord(Unpooled.wrappedBuffer(new byte[1]));
		try {
			assertProtocolError(() -> server.onRecord(envelope), "uses sized envelopes");
		}
		finally {
			envelope.release();
		}
	}

	@Test
	void acceptsExactlyOneUnsizedEnvelopeInSingletonUnsizedModeThenOnlyEnd() {
		ServerPreambleStateMachine server = new ServerPreambleStateMachine(
				ECHO_ONLY.withSupportedModes(FramingMode.SINGLETON_UNSIZED, FramingMode.DUPLEX));
		List<NmfRecord> records = new ArrayList<>(List.of(VersionRecord.V1_0,
				new ModeRecord(FramingMode.SINGLETON_UNSIZED), new ViaRecord(VIA),
				new KnownEncodingRecord(KnownEncoding.BINARY_SESSION)));
		feed(server, records);
		assertThat(server.onRecord(UpgradeRequestRecord.NEGOTIATE)).isInstanceOf(ServerAction.StartUpgrade.class);
		server.upgradeCompleted();
		assertThat(server.onRecord(PreambleEndRecord.INSTANCE)).isEqualTo(new ServerAction.PreambleComplete(
				FramingMode.SINGLETON_UNSIZED, VIA, KnownEncoding.BINARY_SESSION.contentType(), "application/negotiate"));
		UnsizedEnvelopeRecord first = new UnsizedEnvelopeRecord(Unpooled.wrappedBuffer(new byte[3]));
		UnsizedEnvelopeRecord second = new UnsizedEnvelopeRecord(Unpooled.wrappedBuffer(new byte[1]));
		SizedEnvelopeRecord sized = new SizedEnvelopeRecord(Unpooled.wrappedBuffer(new byte[1]));
		try {
			assertProtocolError(() -> server.onRecord(sized), "uses unsized envelopes");
			ServerPreambleStateMachine fresh = new ServerPreambleStateMachine(
					ECHO_ONLY.withSupportedModes(FramingMode.SINGLETON_UNSIZED));
			feed(fresh, records);
			fresh.onRecord(UpgradeRequestRecord.NEGOTIATE);
			fresh.upgradeCompleted();
			fresh.onRecord(PreambleEndRecord.INSTANCE);
			assertThat(fresh.onRecord(first)).isEqualTo(new ServerAction.DeliverEnvelope(first));
			assertProtocolError(() -> fresh.onRecord(second), "exactly one message");
		}
		finally {
			first.release();
			second.release();
			sized.release();
		}
	}

	@Test
	void endsASingletonUnsizedSessionAfterItsOneEnvelope() {
		ServerPreambleStateMachine server = new ServerPreambleStateMachine(
				ECHO_ONLY.withSupportedModes(FramingMode.SINGLETON_UNSIZED));
		feed(server, List.of(VersionRecord.V1_0, new ModeRecord(FramingMode.SINGLETON_UNSIZED), new ViaRecord(VIA),
				new KnownEncodingRecord(KnownEncoding.BINARY_SESSION)));
		server.onRecord(UpgradeRequestRecord.NEGOTIATE);
		server.upgradeCompleted();
		server.onRecord(PreambleEndRecord.INSTANCE);
		UnsizedEnvelopeRecord envelope = new UnsizedEnvelopeRecord(Unpooled.wrappedBuffer(new byte[3]));
		try {
			assertThat(server.onRecord(envelope)).isInstanceOf(ServerAction.DeliverEnvelope.class);
		}
		finally {
			envelope.release();
		}
		assertThat(server.onRecord(EndRecord.INSTANCE)).isInstanceOf(ServerAction.SessionEnded.class);
	}

	@Test
	void completesWithoutUpgradeWhenThePolicyAllowsIt() {
		ServerPreambleStateMachine server = new ServerPreambleStateMachine(ECHO_ONLY.withUpgrade(null, false));
		feed(server, clearPreamble(VIA));
		assertThat(server.onRecord(PreambleEndRecord.INSTANCE)).isEqualTo(new ServerAction.PreambleComplete(
				FramingMode.DUPLEX, VIA, KnownEncoding.BINARY_SESSION.contentType(), null));
	}

	@Test
	void completesSingletonSizedRightAfterTheEncodingWithoutAck() {
		ServerPreambleStateMachine server = new ServerPreambleStateMachine(ServerFramingPolicy.DEFAULTS
			.withUpgrade(null, false)
			.withSupportedModes(FramingMode.SINGLETON_SIZED));
		List<ServerAction> actions = feed(server, List.of(VersionRecord.V1_0,
				new ModeRecord(FramingMode.SINGLETON_SIZED), new ViaRecord(VIA),
				new KnownEncodingRecord(KnownEncoding.BINARY)));
		assertThat(actions).last().isInstanceOfSatisfying(ServerAction.PreambleComplete.class,
				(complete) -> assertThat(complete.sendPreambleAck()).isFalse());
	}

	@Test
	void refusesAnUpgradeInSimplexMode() {
		ServerPreambleStateMachine server = new ServerPreambleStateMachine(ServerFramingPolicy.DEFAULTS
			.withUpgrade(UpgradeRequestRecord.NEGOTIATE_PROTOCOL, false)
			.withSupportedModes(FramingMode.SIMPLEX));
		assertFault(server, List.of(VersionRecord.V1_0, new ModeRecord(FramingMode.SIMPLEX), new ViaRecord(VIA),
				new KnownEncodingRecord(KnownEncoding.BINARY), UpgradeRequestRecord.NEGOTIATE),
				FramingFault.UPGRADE_INVALID, "cannot carry an upgrade");
	}

	@Test
	void policyRefusesARequiredUpgradeWithModesThatCannotCarryOne() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ServerFramingPolicy.DEFAULTS.withSupportedModes(FramingMode.DUPLEX, FramingMode.SIMPLEX))
			.withMessageContaining("SIMPLEX");
		assertThatIllegalArgumentException().isThrownBy(() -> ServerFramingPolicy.DEFAULTS.withUpgrade(null, true));
	}

	@Test
	void faultActionsCarryTheRecordToSend() {
		ServerAction.SendFault fault = new ServerAction.SendFault(FramingFault.ENDPOINT_NOT_FOUND, "log");
		assertThat(encode(fault.record())).startsWith(hex("08 47"))
			.hasSize(2 + FramingFault.ENDPOINT_NOT_FOUND.uri().length());
	}

	private static List<NmfRecord> upToVia(String via) {
		return List.of(VersionRecord.V1_0, new ModeRecord(FramingMode.DUPLEX), new ViaRecord(via));
	}

	private static List<NmfRecord> clearPreamble(String via) {
		return List.of(VersionRecord.V1_0, new ModeRecord(FramingMode.DUPLEX), new ViaRecord(via),
				new KnownEncodingRecord(KnownEncoding.BINARY_SESSION));
	}

	private static List<ServerAction> feed(ServerPreambleStateMachine server, List<? extends NmfRecord> records) {
		List<ServerAction> actions = new ArrayList<>();
		for (NmfRecord record : records) {
			actions.add(server.onRecord(record));
		}
		return actions;
	}

	private static void assertFault(ServerPreambleStateMachine server, List<? extends NmfRecord> records,
			FramingFault expected, String logPart) {
		List<ServerAction> actions = feed(server, records);
		assertThat(actions.subList(0, actions.size() - 1)).allSatisfy(
				(action) -> assertThat(action).isNotInstanceOf(ServerAction.SendFault.class));
		assertThat(actions).last().isInstanceOfSatisfying(ServerAction.SendFault.class, (fault) -> {
			assertThat(fault.fault()).isEqualTo(expected);
			assertThat(fault.logMessage()).contains(logPart);
		});
		assertThat(server.state()).isEqualTo(ServerPreambleStateMachine.State.FAULTED);
	}

	private static void assertDecoderFault(byte[] wire, FramingFault expected) {
		ServerPreambleStateMachine server = new ServerPreambleStateMachine(
				ServerFramingPolicy.DEFAULTS.withUpgrade(null, false));
		NmfRecordDecoder decoder = new NmfRecordDecoder();
		ByteBuf in = Unpooled.wrappedBuffer(wire);
		try {
			ServerAction action = ServerAction.CONTINUE;
			while (!(action instanceof ServerAction.SendFault)) {
				try {
					NmfRecord record = decoder.decode(in);
					assertThat(record).as("decoder needs no more bytes before failing").isNotNull();
					action = server.onRecord(record);
				}
				catch (FramingException ex) {
					action = server.onDecodeFailure(ex);
				}
			}
			assertThat(action).isInstanceOfSatisfying(ServerAction.SendFault.class,
					(fault) -> assertThat(fault.fault()).isEqualTo(expected));
		}
		finally {
			in.release();
			decoder.close();
		}
	}

	private static void assertProtocolError(Runnable action, String messagePart) {
		assertThatExceptionOfType(FramingException.class).isThrownBy(action::run)
			.withMessageContaining(messagePart)
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.PROTOCOL))
			.satisfies((ex) -> assertThat(ex.faultToSend()).isNull());
	}

}
