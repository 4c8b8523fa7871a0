package org.negotiatetcp.framing;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ReferenceCountUtil;

/**
 * Fuzz targets for the [MC-NMF] record decoder and its multi-byte int31: any input decodes into records, asks for
 * more bytes, or fails with a {@link FramingException}; nothing else escapes, nothing leaks (the leak detector is
 * PARANOID in tests) and the decoder never allocates beyond its limits. Regression mode replays
 * {@code src/test/resources/org/negotiatetcp/framing/NmfFuzzTestsInputs}; {@code -Pfuzz} fuzzes each for a bounded
 * time.
 */
class NmfFuzzTests {

	@FuzzTest(maxDuration = "60s")
	void recordDecoder(byte[] input) {
		ByteBuf in = Unpooled.wrappedBuffer(input);
		try (NmfRecordDecoder decoder = new NmfRecordDecoder(new FramingLimits(2048, 256, 256, 4096))) {
			for (int i = 0; i < 64; i++) {
				NmfRecord record = decoder.decode(in);
				if (record == null) {
					break;
				}
				ReferenceCountUtil.release(record);
			}
		}
		catch (FramingException ex) {
			// a typed refusal is the expected outcome for bad input
		}
		finally {
			in.release();
		}
	}

	@FuzzTest(maxDuration = "60s")
	void multiByteInt31(byte[] input) {
		ByteBuf in = Unpooled.wrappedBuffer(input);
		try {
			int value = MultiByteInt31.decode(in);
			if (value < -1) {
				throw new AssertionError("MultiByteInt31 decoded " + value);
			}
		}
		catch (FramingException ex) {
			// expected for bad input
		}
		finally {
			in.release();
		}
	}

}
