package org.negotiatetcp.testsupport;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.negotiatetcp.testsupport.PeerTranscript.HandshakeMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link PeerTranscript}: the parser of the peers' event lines.
 */
class PeerTranscriptTests {

	@Test
	void fieldsParsePlainTokensAndJsonStringsWithEscapes() {
		assertThat(PeerTranscript.fields(" mech=krb5 peer=\"EXAMPLE\\\\bob\" text=\"a \\\"b\\\" \\u00fc\" conf=true"))
			.containsExactly(java.util.Map.entry("mech", "krb5"), java.util.Map.entry("peer", "EXAMPLE\\bob"),
					java.util.Map.entry("text", "a \"b\" \u00fc"), java.util.Map.entry("conf", "true"));
	}

	@Test
	void jsonNullBecomesAMissingFieldAndBareWordsArePositional() {
		assertThat(PeerTranscript.fields(" upgrade_request application/negotiate text=null"))
			.containsOnlyKeys("_0", "_1")
			.containsEntry("_0", "upgrade_request")
			.containsEntry("_1", "application/negotiate");
	}

	@Test
	void receivedAndHandshakeEventsAreDecodedFromHex() {
		PeerTranscript transcript = new PeerTranscript("test",
				List.of("HANDSHAKE_RECV id=0x15 version=1.0 len=8 hex=0000000080004005",
						"RECEIVED len=2 hex=6869 text=\"hi\"", "RECEIVED len=1 hex=ff text=null",
						"FRAME_RECV len=17 plain=1 encrypted=true head=01000000aabbccdd"),
				List.of(), 0);
		assertThat(transcript.handshakeReceived()).containsExactly(new HandshakeMessage(0x15,
				new byte[] { 0, 0, 0, 0, (byte) 0x80, 0, 0x40, 5 }));
		assertThat(transcript.received()).containsExactly(new byte[] { 'h', 'i' }, new byte[] { (byte) 0xff });
		assertThat(transcript.receivedTexts()).containsExactly("hi", "<binary>");
		assertThat(transcript.framesReceived()).singleElement()
			.satisfies((frame) -> assertThat(frame.headHex()).isEqualTo("01000000aabbccdd"));
	}

	@Test
	void requireSuccessFailsOnAnErrorLineEvenWithExitCodeZero() {
		PeerTranscript transcript = new PeerTranscript("test", List.of("ERROR boom"), List.of(), 0);
		assertThat(transcript.error()).hasValue("boom");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(transcript::requireSuccess)
			.withMessageContaining("ERROR boom");
	}

	@Test
	void eventRequiresExactlyOneLine() {
		PeerTranscript transcript = new PeerTranscript("test", List.of("AUTHENTICATED a=1", "AUTHENTICATED a=2"),
				List.of(), 0);
		assertThatExceptionOfType(AssertionError.class).isThrownBy(transcript::authenticated)
			.withMessageContaining("found 2");
	}

}
