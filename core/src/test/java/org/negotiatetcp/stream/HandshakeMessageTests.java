package org.negotiatetcp.stream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import org.negotiatetcp.FailureReason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * [MS-NNS] handshake messages and error payloads.
 */
class HandshakeMessageTests {

	@Test
	void headerHasBigEndianPayloadSize() {
		ByteBuf out = Unpooled.buffer();
		HandshakeMessage.inProgress(new byte[0x0128]).encode(out);
		assertThat(ByteBufUtil.hexDump(out, 0, 5)).isEqualTo("1601000128");
		HandshakeMessage decoded = HandshakeMessage.decode(out, 0xFFFF);
		assertThat(decoded).isNotNull();
		assertThat(decoded.id()).isEqualTo(HandshakeMessageId.HANDSHAKE_IN_PROGRESS);
		assertThat(decoded.payload()).hasSize(0x128);
		out.release();
	}

	@Test
	void emptyHandshakeDoneIsFiveBytes() {
		ByteBuf out = Unpooled.buffer();
		HandshakeMessage.done(null).encode(out);
		assertThat(ByteBufUtil.hexDump(out)).isEqualTo("1401000000");
		out.release();
	}

	@Test
	void incompleteMessageWaitsWithoutConsuming() {
		ByteBuf in = Unpooled.wrappedBuffer(new byte[] { 0x16, 1, 0, 0, 4, 1, 2 });
		assertThat(HandshakeMessage.decode(in, 0xFFFF)).isNull();
		assertThat(in.readerIndex()).isZero();
	}

	@Test
	void unknownMessageIdIsAProtocolError() {
		assertThatThrownBy(() -> HandshakeMessage.decode(Unpooled.wrappedBuffer(new byte[] { 0x17, 1, 0, 0, 0 }), 10))
			.isInstanceOfSatisfying(NnsProtocolException.class,
					(ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.PROTOCOL))
			.hasMessageContaining("0x17");
	}

	@Test
	void payloadOverTheLimitFailsBeforeItArrives() {
		assertThatThrownBy(() -> HandshakeMessage.decode(Unpooled.wrappedBuffer(new byte[] { 0x16, 1, 0, 0x10, 0 }), 100))
			.isInstanceOfSatisfying(NnsProtocolException.class,
					(ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.LIMIT));
	}

	@Test
	void errorPayloadIsWrittenLikeDotNetFrameworkAndReadInEitherByteOrder() {
		assertThat(HandshakeErrorPayload.encode(HandshakeErrorPayload.SEC_E_LOGON_DENIED))
			.containsExactly(0, 0, 0, 0, 0x80, 0x09, 0x03, 0x0C);
		// .NET Framework / .NET Core 2.0 form
		assertThat(HandshakeErrorPayload.decode(new byte[] { 0, 0, 0, 0, (byte) 0x80, 0, 0x40, 0x05 }))
			.isEqualTo(HandshakeErrorPayload.E_FAIL);
		// current .NET form: little-endian, sign-extended
		assertThat(HandshakeErrorPayload
			.decode(new byte[] { 0x0C, 0x03, 0x09, (byte) 0x80, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF }))
			.isEqualTo(HandshakeErrorPayload.SEC_E_LOGON_DENIED);
		assertThat(HandshakeErrorPayload.decode(new byte[] { (byte) 0xFE, 0x06, 0, 0, 0, 0, 0, 0 }))
			.isEqualTo(HandshakeErrorPayload.ERROR_TRUST_FAILURE);
		assertThat(HandshakeErrorPayload.decode(new byte[] { 1 })).isEqualTo(HandshakeErrorPayload.E_FAIL);
		assertThat(HandshakeErrorPayload.describe(HandshakeErrorPayload.ERROR_TRUST_FAILURE))
			.contains("0x000006FE", "ERROR_TRUST_FAILURE");
	}

}
