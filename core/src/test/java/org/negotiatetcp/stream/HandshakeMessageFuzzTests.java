package org.negotiatetcp.stream;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import org.negotiatetcp.NegotiateException;

/**
 * Fuzz target for the [MS-NNS] handshake message decoder and the HandshakeError payload: any input decodes, asks for
 * more bytes, or fails with a typed {@link NegotiateException}. Regression mode replays
 * {@code src/test/resources/org/negotiatetcp/stream/HandshakeMessageFuzzTestsInputs}.
 */
class HandshakeMessageFuzzTests {

	@FuzzTest(maxDuration = "60s")
	void handshakeMessages(byte[] input) {
		ByteBuf in = Unpooled.wrappedBuffer(input);
		try {
			for (int i = 0; i < 16; i++) {
				HandshakeMessage message = HandshakeMessage.decode(in, 4096);
				if (message == null) {
					break;
				}
				if (message.id() == HandshakeMessageId.HANDSHAKE_ERROR) {
					HandshakeErrorPayload.decode(message.payload());
				}
			}
		}
		catch (NegotiateException ex) {
			// a typed refusal is the expected outcome for bad input
		}
		finally {
			in.release();
		}
	}

}
