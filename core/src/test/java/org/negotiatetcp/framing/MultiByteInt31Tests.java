package org.negotiatetcp.framing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.negotiatetcp.FailureReason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.negotiatetcp.framing.NmfTestSupport.hex;

class MultiByteInt31Tests {

	@ParameterizedTest
	@CsvSource({ "0, 00", "127, 7F", "128, 8001", "300, AC02", "16383, FF7F", "16384, 808001", "65536, 808004",
			"2147483647, FFFFFFFF07" })
	void encodesTheSpecifiedExamples(int value, String expected) {
		ByteBuf out = Unpooled.buffer();
		try {
			MultiByteInt31.encode(value, out);
			assertThat(ByteBufUtil.getBytes(out)).isEqualTo(hex(expected));
			assertThat(MultiByteInt31.encodedLength(value)).isEqualTo(hex(expected).length);
		}
		finally {
			out.release();
		}
	}

	@ParameterizedTest
	@CsvSource({ "7F, 127", "8001, 128", "AC02, 300", "808004, 65536", "FFFFFFFF07, 2147483647" })
	void decodesTheSpecifiedExamplesAndConsumesExactlyTheirBytes(String encoded, int expected) {
		ByteBuf in = Unpooled.wrappedBuffer(hex(encoded + "EE"));
		try {
			assertThat(MultiByteInt31.decode(in)).isEqualTo(expected);
			assertThat(in.readableBytes()).isOne();
		}
		finally {
			in.release();
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 127, 128, 16383, 16384, 2097151, 2097152, 268435455, 268435456, Integer.MAX_VALUE })
	void roundTripsAroundEveryLengthBoundary(int value) {
		ByteBuf buffer = Unpooled.buffer();
		try {
			MultiByteInt31.encode(value, buffer);
			assertThat(buffer.readableBytes()).isEqualTo(MultiByteInt31.encodedLength(value));
			assertThat(MultiByteInt31.decode(buffer)).isEqualTo(value);
			assertThat(buffer.isReadable()).isFalse();
		}
		finally {
			buffer.release();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "80", "8080", "FFFFFF", "FFFFFFFF" })
	void needsMoreBytesWithoutMovingTheReaderIndex(String partial) {
		ByteBuf in = Unpooled.wrappedBuffer(hex(partial));
		try {
			assertThat(MultiByteInt31.decode(in)).isEqualTo(-1);
			assertThat(in.readerIndex()).isZero();
		}
		finally {
			in.release();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "FFFFFFFF08", "FFFFFFFF80", "FFFFFFFFFF", "8080808010" })
	void rejectsAFifthByteWithBitsBeyond31(String encoded) {
		ByteBuf in = Unpooled.wrappedBuffer(hex(encoded));
		try {
			assertThatExceptionOfType(FramingException.class).isThrownBy(() -> MultiByteInt31.decode(in))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(FailureReason.PROTOCOL))
				.satisfies((ex) -> assertThat(ex.faultToSend()).isNull());
		}
		finally {
			in.release();
		}
	}

	@Test
	void acceptsAFifthByteWithOnlyTheLowThreeBits() {
		ByteBuf in = Unpooled.wrappedBuffer(hex("8080808007"));
		try {
			assertThat(MultiByteInt31.decode(in)).isEqualTo(7 << 28);
		}
		finally {
			in.release();
		}
	}

	@Test
	void refusesToEncodeNegativeValues() {
		ByteBuf out = Unpooled.buffer();
		try {
			assertThatIllegalArgumentException().isThrownBy(() -> MultiByteInt31.encode(-1, out));
			assertThatIllegalArgumentException().isThrownBy(() -> MultiByteInt31.encodedLength(Integer.MIN_VALUE));
			assertThat(out.isReadable()).isFalse();
		}
		finally {
			out.release();
		}
	}

}
